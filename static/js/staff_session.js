// Tells a signed-in member of staff before their session runs out (WCAG 2.2.1 Timing Adjustable),
// and lets them stay signed in with one button. The server enforces the limits whatever happens
// here (accounts/middleware.py); this only warns. Loaded on every admin page by
// accounts/wagtail_hooks.py.
(function () {
    "use strict";

    var script = document.currentScript;
    if (!script || !window.fetch) {
        return;
    }
    var statusUrl = script.dataset.statusUrl;
    var notice = null;
    var message = null;
    var stayButton = null;
    var timer = null;
    var shownKind = null;

    function csrfToken() {
        var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
        return match ? decodeURIComponent(match[1]) : "";
    }

    function clockTime(secondsFromNow) {
        var at = new Date(Date.now() + secondsFromNow * 1000);
        return at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
    }

    function build() {
        if (notice) {
            return;
        }
        notice = document.createElement("div");
        notice.className = "staff-session-notice";
        notice.setAttribute("role", "alert");
        notice.hidden = true;
        message = document.createElement("p");
        message.className = "staff-session-notice__message";
        stayButton = document.createElement("button");
        stayButton.type = "button";
        stayButton.className = "button staff-session-notice__button";
        stayButton.textContent = "Stay signed in";
        stayButton.addEventListener("click", stay);
        notice.appendChild(message);
        notice.appendChild(stayButton);
        document.body.insertBefore(notice, document.body.firstChild);
    }

    function schedule(seconds) {
        window.clearTimeout(timer);
        timer = window.setTimeout(check, Math.max(1, seconds) * 1000);
    }

    function hide() {
        if (notice) {
            notice.hidden = true;
        }
        shownKind = null;
    }

    function show(kind, secondsLeft) {
        build();
        if (shownKind === kind && !notice.hidden) {
            return; // already said; repeating it would interrupt a screen reader every check
        }
        var at = clockTime(secondsLeft);
        if (kind === "idle") {
            message.textContent = "You have not done anything for a while. For your security, " +
                "you will be signed out at " + at + " and lose any changes you have not saved.";
            stayButton.hidden = false;
        } else {
            message.textContent = "You have been signed in for nearly 12 hours, the most we allow. " +
                "You will be signed out at " + at + ": save your work now. You can sign in again " +
                "straight away.";
            stayButton.hidden = true;
        }
        notice.hidden = false;
        shownKind = kind;
    }

    function update(status) {
        if (!status || !status.signed_in) {
            window.location.reload(); // the server sends them to sign in, with a message
            return;
        }
        var idle = status.idle_seconds_left;
        var overall = status.session_seconds_left;
        var left = Math.min(idle, overall);
        if (left <= 0) {
            window.location.reload();
            return;
        }
        if (left > status.warning_seconds) {
            hide();
            schedule(left - status.warning_seconds);
            return;
        }
        show(idle <= overall ? "idle" : "overall", left);
        schedule(Math.min(left, 30));
    }

    function request(method) {
        var options = {
            method: method,
            credentials: "same-origin",
            headers: { Accept: "application/json" },
        };
        if (method === "POST") {
            options.headers["X-CSRFToken"] = csrfToken();
        }
        return fetch(statusUrl, options).then(function (response) {
            if (response.status === 401) {
                return { signed_in: false };
            }
            return response.json();
        });
    }

    function check() {
        request("GET").then(update).catch(function () {
            schedule(60); // offline for a moment: try again, the server still enforces the limit
        });
    }

    function stay() {
        request("POST").then(function (status) {
            hide();
            update(status);
        }).catch(function () {
            schedule(10);
        });
    }

    check();
}());
