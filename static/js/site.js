// Everything works without this file. It only switches on the design system's enhancements:
// the quick exit's Escape key and the accordion and character count behaviour.
if (window.DS && typeof window.DS.initAll === "function") {
    window.DS.initAll();
}

// Surveys: an error summary takes focus, so that it is read out first. Without JavaScript the
// page title starts "Error:" and the summary is the first thing in the main content.
const errorSummary = document.querySelector(".ds_error-summary");
if (errorSummary) {
    errorSummary.focus();
}
