/*
 * Referral widget loader, version 1. On the host page:
 *
 *   <div data-referral-widget data-lang="fr" data-topic="self-harm"></div>
 *   <script src="https://SERVICE/widget/v1/embed.js" async></script>
 *
 * Each placeholder gets an iframe to https://SERVICE/embed/?lang=..&topic=..&for-whom=.. (the
 * site's settings only, never a person's answers). The framed page reports its height with
 * postMessage({type: "referral-widget:height", height: N}); only messages from the service's
 * origin AND from that very iframe resize it. The host page cannot read what is typed in the frame.
 *
 * Never blank: the placeholder's own content (the snippet puts the emergency numbers there) stays
 * until the frame's first height message proves that the service answered. Until then the frame is
 * 0 px tall and inert, so a browser's "refused to connect" page is never what a person sees; when
 * the service is down, the message never comes and the numbers stay.
 */
(function () {
  "use strict";

  var LANGUAGES = ["nl", "fr", "en"];
  var TITLES = {
    nl: "Hulplijnen: vind hulp die nu bereikbaar is",
    fr: "Lignes d'écoute : trouve de l'aide joignable maintenant",
    en: "Helplines: find help you can reach now",
  };
  var MIN_HEIGHT = 320;
  var MAX_HEIGHT = 20000;

  function findScript() {
    if (document.currentScript && document.currentScript.src) return document.currentScript;
    var scripts = document.getElementsByTagName("script");
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (/\/widget\/v1\/embed\.js(\?|#|$)/.test(scripts[i].src)) return scripts[i];
    }
    return null;
  }

  var script = findScript();
  if (!script) return;
  var origin = new URL(script.src, document.baseURI).origin;
  var frames = [];
  var built = typeof WeakSet === "function" ? new WeakSet() : null;

  function pick(value, allowed, fallback) {
    value = (value || "").toLowerCase();
    return allowed.indexOf(value) >= 0 ? value : fallback;
  }

  function frameFor(placeholder) {
    var pageLanguage = (document.documentElement.getAttribute("lang") || "").slice(0, 2);
    var language = pick(placeholder.getAttribute("data-lang") || pageLanguage, LANGUAGES, "nl");
    var params = new URLSearchParams();
    params.set("lang", language);
    var topic = placeholder.getAttribute("data-topic") || "";
    if (/^[a-z0-9][a-z0-9-]{0,59}$/.test(topic)) params.set("topic", topic);
    var forWhom = pick(placeholder.getAttribute("data-for-whom"), ["self", "someone_else"], "");
    if (forWhom) params.set("for-whom", forWhom);

    var iframe = document.createElement("iframe");
    iframe.src = origin + "/embed/?" + params.toString();
    iframe.title = placeholder.getAttribute("data-title") || TITLES[language];
    iframe.setAttribute("allow", "clipboard-write");
    iframe.setAttribute("referrerpolicy", "no-referrer");
    iframe.setAttribute("loading", "eager");
    // CSSOM, not a style attribute: works under a host page's strict style-src.
    iframe.style.border = "0";
    iframe.style.width = "100%";
    iframe.style.display = "block";
    iframe.style.height = "0";
    iframe.setAttribute("aria-hidden", "true");
    iframe.inert = true;
    return iframe;
  }

  function scan() {
    var placeholders = document.querySelectorAll("[data-referral-widget]");
    for (var i = 0; i < placeholders.length; i++) {
      var placeholder = placeholders[i];
      if (built ? built.has(placeholder) : placeholder.getAttribute("data-referral-widget") === "loaded") continue;
      if (built) built.add(placeholder);
      else placeholder.setAttribute("data-referral-widget", "loaded");
      var iframe = frameFor(placeholder);
      // The placeholder stays (and keeps the host's layout); its fallback content stays until `show`.
      placeholder.appendChild(iframe);
      frames.push(iframe);
    }
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== origin) return;
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== "referral-widget:height") return;
    var height = Number(data.height);
    if (!isFinite(height)) return;
    height = Math.min(Math.max(Math.ceil(height), MIN_HEIGHT), MAX_HEIGHT);
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        show(frames[i]);
        frames[i].style.height = height + "px";
        return;
      }
    }
  });

  // The service answered: the frame replaces the placeholder's fallback content.
  function show(iframe) {
    if (!iframe.inert) return;
    var placeholder = iframe.parentNode;
    while (placeholder.firstChild !== iframe) placeholder.removeChild(placeholder.firstChild);
    while (iframe.nextSibling) placeholder.removeChild(iframe.nextSibling);
    iframe.removeAttribute("aria-hidden");
    iframe.inert = false;
  }

  scan();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
})();
