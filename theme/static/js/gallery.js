// Copy buttons for the gallery's alt text and suggested posts. Without this script the
// texts are still there to read and select; with it, each gets a button that copies it.
// Its words are English; a gallery in another language gives them in data- attributes of
// #copy-status (see gallery.html), "{label}" standing for what a button copies.
(function () {
  "use strict";
  var status = document.getElementById("copy-status");

  function words(name, english, label) {
    var given = status && status.getAttribute("data-" + name);
    return (given || english).replace("{label}", label || "");
  }

  function say(message) {
    if (status) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 50);
    }
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(element, button) {
    var text = element.textContent;
    var done = function () {
      button.textContent = words("copied", "Copied");
      say(words("copied-what", "Copied the {label}.", element.getAttribute("data-copy-label")));
      window.setTimeout(function () { label(button, element); }, 2000);
    };
    var failed = function () {
      selectText(element);
      say(words("selected", "The text is selected: press Control and C (or Command and C) to copy it."));
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, failed);
    } else {
      failed();
    }
  }

  function label(button, element) {
    button.textContent = words("copy", "Copy");
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = " " + words("copy-what", "the {label}", element.getAttribute("data-copy-label"));
    button.appendChild(hidden);
  }

  document.querySelectorAll(".copy-text[id]").forEach(function (element) {
    var heading = document.getElementById(element.id + "-label");
    if (!heading) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    label(button, element);
    button.addEventListener("click", function () { copy(element, button); });
    heading.appendChild(button);
  });
})();
