// Everything works without this file. It only switches on the design system's enhancements:
// the quick exit's Escape key and the accordion and character count behaviour.
if (window.DS && typeof window.DS.initAll === "function") {
    window.DS.initAll();
}
