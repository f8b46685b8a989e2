// Everything works without this file. On most pages it switches on the design system's
// enhancements (the quick exit's Escape key, the accordion). A survey's answering pages do not load
// the design system's script at all: the few things they need are here, in a few lines.
if (window.DS && typeof window.DS.initAll === "function") {
    window.DS.initAll();
}

// Surveys: an error summary takes focus, so that it is read out first. Without JavaScript the
// page title starts "Error:" and the summary is the first thing in the main content.
const errorSummary = document.querySelector(".ds_error-summary");
if (errorSummary) {
    errorSummary.focus();
}

// The quick exit of the answering pages, as the design system's does it: the page is blanked,
// this tab goes to an everyday site (the Escape key does the same) and the link opens in a new one.
const quickExit = document.querySelector(".answering-header__exit");
if (quickExit) {
    const hide = (event) => {
        event.preventDefault();
        document.body.textContent = "";
        document.title = ".";
        window.open(quickExit.href, "_newtab");
        window.location.replace(quickExit.dataset.altlink || "https://www.google.com");
    };
    quickExit.addEventListener("click", hide);
    document.addEventListener("keyup", (event) => {
        if (event.key === "Escape") {
            hide(event);
        }
    });
}

// "None of these" (the last checkbox, marked exclusive) unticks the others, and they untick it.
// The server refuses both at once with a message, so this is only a convenience.
document.querySelectorAll(".ds_checkboxes").forEach((group) => {
    const boxes = Array.from(group.querySelectorAll(".ds_checkbox__input"));
    const exclusive = boxes.find((box) => box.dataset.behaviour === "exclusive");
    if (!exclusive) {
        return;
    }
    group.addEventListener("change", (event) => {
        if (!event.target.checked) {
            return;
        }
        boxes.forEach((box) => {
            if (box !== event.target && (box === exclusive || event.target === exclusive)) {
                box.checked = false;
            }
        });
    });
});

// How many characters are left, counted as the server counts them (surveys/answers.py,
// `typed_length`): what was typed, markup and all, each character once (an emoji is one), new
// lines as one, control characters not at all. Nothing is cut: an answer that is too long says
// by how much, as the server does when it is sent.
const CONTROL_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

export function typedLength(text) {
    return Array.from(text.replace(CONTROL_CHARACTERS, "").replace(/\r\n?/g, "\n")).length;
}

const number = (n) => n.toLocaleString("en-GB");
const characters = (n) => `${number(n)} character${n === 1 ? "" : "s"}`;

export function countMessage(length, limit) {
    if (length > limit) {
        return `Your answer is ${characters(length)}. Shorten it by ${characters(length - limit)}.`;
    }
    return `You have ${characters(limit - length)} left.`;
}

document.querySelectorAll("[data-max-characters]").forEach((field) => {
    const limit = Number(field.dataset.maxCharacters);
    const shown = document.getElementById(`${field.id}-count`);
    if (!shown || !limit) {
        return;
    }
    // Said to screen readers once typing pauses, not at every key.
    const spoken = document.createElement("p");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    shown.after(spoken);
    let pause;
    const update = () => {
        const length = typedLength(field.value);
        shown.textContent = countMessage(length, limit);
        shown.classList.toggle("survey-count--over", length > limit);
        clearTimeout(pause);
        pause = setTimeout(() => {
            spoken.textContent = shown.textContent;
        }, 1000);
    };
    field.addEventListener("input", update);
    const length = typedLength(field.value);
    shown.textContent = countMessage(length, limit);
    shown.classList.toggle("survey-count--over", length > limit);
});
