/*
 * The referral page (/) and /embed/how/: small enhancements; everything works without them.
 * - The quick exit link leaves without a history entry (location.replace), also from a frame.
 * - "Copy" buttons next to the embed snippets, the kit's texts and the referral message.
 * - Read-only texts (the kit's, the message) select themselves at a tap, ready to copy.
 */
(function () {
  "use strict";

  var exits = document.querySelectorAll("[data-quick-exit]");
  for (var i = 0; i < exits.length; i++) {
    exits[i].addEventListener("click", function (event) {
      event.preventDefault();
      var target = this.href;
      document.body.replaceChildren();
      try {
        window.top.location.replace(target);
      } catch (error) {
        window.location.replace(target);
      }
    });
  }

  var copies = document.querySelectorAll("[data-copy]");
  for (var j = 0; j < copies.length; j++) {
    copies[j].hidden = false;
    copies[j].addEventListener("click", function () {
      var button = this;
      var source = document.getElementById(button.getAttribute("data-copy"));
      var status = document.getElementById(button.getAttribute("data-copy") + "-status");
      if (!source) return;
      function done() {
        if (status) status.textContent = button.getAttribute("data-copied") || "Copied";
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(source.textContent).then(done, function () {
          select(source);
        });
      } else {
        select(source);
      }
    });
  }

  var texts = document.querySelectorAll("textarea[readonly]");
  for (var k = 0; k < texts.length; k++) {
    texts[k].addEventListener("focus", selectAll);
    // A tap on a text that already has the focus places the caret and drops the selection: select again.
    texts[k].addEventListener("click", selectAll);
  }

  function selectAll() {
    this.select();
  }

  function select(element) {
    if (typeof element.select === "function") {
      element.focus();
      element.select();
      return;
    }
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
})();
