/*
 * Runs inside /embed/ only. Tells the embedding page how tall the content is, so the loader
 * (embed.js) can size the iframe. The message carries the height and nothing else: never an answer.
 * "*" as target: the service does not know (and does not need) the embedding site's origin, and a
 * number of pixels is no secret; the loader checks that the message comes from the service's origin
 * and from its own iframe. The first message also tells the loader that the service answered, so it
 * may replace the partner's fallback content (the emergency numbers) with this frame.
 */
(function () {
  "use strict";
  if (window.parent === window) return;
  var content = document.getElementById("frame");
  if (!content) return;
  var last = 0;
  var scheduled = false;

  function report() {
    scheduled = false;
    var height = Math.ceil(content.getBoundingClientRect().height);
    if (height === last || height <= 0) return;
    last = height;
    window.parent.postMessage({ type: "referral-widget:height", height: height }, "*");
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(report);
  }

  if (typeof ResizeObserver === "function") new ResizeObserver(schedule).observe(content);
  else window.setInterval(schedule, 500);
  // Directly, not in an animation frame: the loader keeps this frame 0 px tall until the first
  // message, and a browser may not run animation frames for a frame nobody can see.
  window.addEventListener("load", report);
  report();
})();
