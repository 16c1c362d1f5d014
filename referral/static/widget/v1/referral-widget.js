/*
 * <referral-widget>: find the helpline that fits, reachable now, with a warm message to send.
 * Version 1. Plain custom element: no framework, no build step, no third-party code.
 *
 *   <script src="https://SERVICE/widget/v1/referral-widget.js" type="module"></script>
 *   <referral-widget lang="nl" topic="self-harm" for-whom="someone_else"></referral-widget>
 *
 * Attributes: lang (nl|fr|en), api (base URL of the service; default: where this file came from),
 * topic (topic slugs to preselect, separated by spaces), for-whom (self|someone_else), age (an age
 * to fill in), heading-level (2-5, default 2),
 * emergency="host" / quick-exit="host" (only for pages that show these themselves, above the widget).
 *
 * Privacy: the answers stay in this element's memory until the page is left. Nothing is written to
 * cookies, localStorage, sessionStorage or IndexedDB, and the only requests go to the service
 * (`credentials: "omit"`, no referrer). API data is always rendered as text, never as HTML.
 */

const SCRIPT_URL = import.meta.url;
const DEFAULT_API = new URL(SCRIPT_URL).origin;
const STYLESHEET = new URL("referral-widget.css", SCRIPT_URL).href;
// The message-first box, shared with the service's own page (site.css): linked, not @imported, so both load at once.
const MESSAGE_STYLESHEET = new URL("message.css", SCRIPT_URL).href;
const LANGUAGES = ["nl", "fr", "en"];
const TIMEOUT_MS = 8000;
const EXIT_URL = "https://www.google.be/";
const SAFE_SCHEMES = ["tel:", "mailto:", "sms:", "https:", "http:"];

const STRINGS = {
  nl: {
    title: "Vind hulp die nu bereikbaar is",
    intro: "Een paar korte vragen. Je antwoorden worden nergens bewaard.",
    quickExit: "Snel weg",
    emergencyTitle: "Nu in gevaar of wil je meteen iemand spreken?",
    loading: "De vragen worden geladen…",
    searching: "Even zoeken…",
    loadFailed: "De vragen laden lukt nu niet. Dat ligt niet aan jou.",
    sendFailed: "Het zoeken lukt nu niet. Dat ligt niet aan jou.",
    tooBusy: "Het is nu erg druk. Probeer het over een minuutje opnieuw.",
    stillThere: "Je kan altijd iemand bereiken:",
    retry: "Opnieuw proberen",
    required: "(verplicht)",
    optional: "(mag leeg blijven)",
    ratherNot: "Zeg ik liever niet",
    submit: "Toon waar ik terecht kan",
    fixErrors: "Kijk je antwoorden nog eens na.",
    errorRequired: "Kies een antwoord.",
    errorTopics: "Kies minstens één onderwerp.",
    errorAge: "Vul een leeftijd in van {min} tot {max}, of laat het leeg.",
    errorOther: "Kijk dit antwoord nog eens na.",
    resultsTitle: "Hier kan je nu terecht",
    found: "{count} suggesties gevonden.",
    foundOne: "1 suggestie gevonden.",
    foundNone: "Geen passende hulp gevonden. Bel 1813 of 106: zij luisteren dag en nacht.",
    urgentTitle: "Iemand in gevaar: bel nu 112",
    why: "Waarom deze hulp?",
    expect: "Wat kan je verwachten?",
    otherWays: "Andere manieren",
    messageSelf: "Bericht om te bewaren of door te sturen",
    messageHelper: "Bericht om door te sturen",
    copy: "Kopieer bericht",
    copied: "Gekopieerd",
    copySelect: "Het bericht is geselecteerd. Kopieer het met Ctrl+C, of houd het ingedrukt.",
    copyHelp: "Tik in het bericht om alles te selecteren, of gebruik de knop.",
    longer: "Langer bericht, met wat je kan verwachten",
    messageAbout: "Bericht over deze hulp",
    dangerNow: "Is iemand nu in gevaar? Bel meteen 112. Je hoeft het formulier niet eerst af te maken.",
    call112: "Bel 112",
    helperTitle: "Als je iemand anders helpt",
    helperLines: "Hier kan je zelf terecht voor advies",
    resources: "Meer informatie",
    peerTitle: "Ook: praten met andere jongeren",
    peerIntro: "Een gemodereerd forum waar jongeren elkaar steunen. Het vervangt de hulplijnen hierboven niet: is iemand in gevaar, bel 112; 1813 en 106 luisteren dag en nacht.",
    again: "Opnieuw beginnen",
    opensNewWindow: "(opent in een nieuw venster)",
  },
  fr: {
    title: "Trouve de l'aide joignable maintenant",
    intro: "Quelques questions courtes. Tes réponses ne sont enregistrées nulle part.",
    quickExit: "Quitter vite",
    emergencyTitle: "En danger maintenant, ou besoin de parler à quelqu'un tout de suite ?",
    loading: "Chargement des questions…",
    searching: "Recherche en cours…",
    loadFailed: "Les questions ne se chargent pas pour le moment. Ce n'est pas de ta faute.",
    sendFailed: "La recherche ne fonctionne pas pour le moment. Ce n'est pas de ta faute.",
    tooBusy: "Il y a beaucoup de demandes en ce moment. Réessaie dans une minute.",
    stillThere: "Tu peux toujours joindre quelqu'un :",
    retry: "Réessayer",
    required: "(obligatoire)",
    optional: "(facultatif)",
    ratherNot: "Je préfère ne pas le dire",
    submit: "Montre-moi où m'adresser",
    fixErrors: "Vérifie encore tes réponses.",
    errorRequired: "Choisis une réponse.",
    errorTopics: "Choisis au moins un sujet.",
    errorAge: "Indique un âge de {min} à {max}, ou laisse vide.",
    errorOther: "Vérifie encore cette réponse.",
    resultsTitle: "Où t'adresser maintenant",
    found: "{count} suggestions trouvées.",
    foundOne: "1 suggestion trouvée.",
    foundNone: "Aucune aide adaptée trouvée. Appelle le 107 (Télé-Accueil) ou le 0800 32 123 (Centre de Prévention du Suicide) : ils écoutent jour et nuit.",
    urgentTitle: "Quelqu'un est en danger : appelle le 112 maintenant",
    why: "Pourquoi cette aide ?",
    expect: "À quoi t'attendre ?",
    otherWays: "Autres moyens",
    messageSelf: "Message à garder ou à transmettre",
    messageHelper: "Message à envoyer",
    copy: "Copier le message",
    copied: "Copié",
    copySelect: "Le message est sélectionné. Copie-le avec Ctrl+C, ou appuie longuement dessus.",
    copyHelp: "Touche le message pour tout sélectionner, ou utilise le bouton.",
    longer: "Message plus long, avec ce qui t'attend",
    messageAbout: "Message sur cette aide",
    dangerNow: "Quelqu'un est en danger maintenant ? Appelle tout de suite le 112. Pas besoin de finir le formulaire d'abord.",
    call112: "Appeler le 112",
    helperTitle: "Si tu aides quelqu'un d'autre",
    helperLines: "Où demander toi-même conseil",
    resources: "Plus d'informations",
    peerTitle: "Aussi : parler avec d'autres jeunes",
    peerIntro: "Un forum modéré où des jeunes se soutiennent. Il ne remplace pas les lignes d'écoute ci-dessus : si quelqu'un est en danger, appelle le 112 ; le 107 et le 0800 32 123 écoutent jour et nuit.",
    again: "Recommencer",
    opensNewWindow: "(s'ouvre dans une nouvelle fenêtre)",
  },
  en: {
    title: "Find help you can reach now",
    intro: "A few short questions. Your answers are not stored anywhere.",
    quickExit: "Quick exit",
    emergencyTitle: "In danger right now, or want to talk to someone straight away?",
    loading: "Loading the questions…",
    searching: "Searching…",
    loadFailed: "The questions can't be loaded right now. That's not your fault.",
    sendFailed: "The search isn't working right now. That's not your fault.",
    tooBusy: "It's very busy right now. Please try again in a minute.",
    stillThere: "You can always reach someone:",
    retry: "Try again",
    required: "(required)",
    optional: "(optional)",
    ratherNot: "Rather not say",
    submit: "Show me where to go",
    fixErrors: "Please check your answers.",
    errorRequired: "Choose an answer.",
    errorTopics: "Choose at least one topic.",
    errorAge: "Fill in an age from {min} to {max}, or leave it empty.",
    errorOther: "Please check this answer.",
    resultsTitle: "Where you can go now",
    found: "{count} suggestions found.",
    foundOne: "1 suggestion found.",
    foundNone: "No matching help found. Call the CHS Helpline on 02 648 40 14 (in English), or 1813 or 106 (in Dutch): they listen day and night.",
    urgentTitle: "Someone in danger: call 112 now",
    why: "Why this one?",
    expect: "What to expect",
    otherWays: "Other ways",
    messageSelf: "A message to keep or pass on",
    messageHelper: "A message you can send",
    copy: "Copy message",
    copied: "Copied",
    copySelect: "The message is selected. Copy it with Ctrl+C, or press and hold.",
    copyHelp: "Tap the message to select all of it, or use the button.",
    longer: "Longer message, with what to expect",
    messageAbout: "A message about this service",
    dangerNow: "Is someone in danger right now? Call 112 straight away. You don't have to finish the form first.",
    call112: "Call 112",
    helperTitle: "If you're helping someone else",
    helperLines: "Where you can ask for advice yourself",
    resources: "More information",
    peerTitle: "Also: talk with other young people",
    peerIntro: "A moderated forum where young people support each other. It does not replace the helplines above: someone in danger calls 112, and the CHS Helpline (02 648 40 14, in English) listens day and night.",
    again: "Start again",
    opensNewWindow: "(opens in a new window)",
  },
};

// Built in, so the widget is never blank: shown before anything loads and when the service fails.
// The same lines as the pages' box, per language (referral/emergency.py; tests/referral/test_answer.py):
// day-and-night lines that speak the reader's language first, a Dutch-only line marked as such.
const EMERGENCY_LINES = {
  nl: [
    { number: "112", shown: "112", call: "Bel 112", text: "noodnummer: ambulance, brandweer en politie" },
    { number: "1813", shown: "1813", call: "Bel Zelfmoordlijn 1813", text: "Zelfmoordlijn: dag en nacht, gratis en anoniem" },
    { number: "106", shown: "106", call: "Bel Tele-Onthaal 106", text: "Tele-Onthaal: dag en nacht, gratis en anoniem" },
  ],
  fr: [
    { number: "112", shown: "112", call: "Appeler le 112", text: "numéro d'urgence : ambulance, pompiers et police" },
    { number: "+3280032123", shown: "0800 32 123", call: "Appeler le Centre de Prévention du Suicide au 0800 32 123", text: "Centre de Prévention du Suicide : jour et nuit, gratuit et anonyme" },
    { number: "107", shown: "107", call: "Appeler Télé-Accueil au 107", text: "Télé-Accueil : quelqu'un à qui parler, jour et nuit, gratuit et anonyme" },
  ],
  en: [
    { number: "112", shown: "112", call: "Call 112", text: "emergency number: ambulance, fire and police" },
    { number: "+3226484014", shown: "02 648 40 14", call: "Call the CHS Helpline on 02 648 40 14", text: "CHS Helpline: someone to talk to in English, day and night, free" },
    { number: "1813", shown: "1813", call: "Call Zelfmoordlijn 1813", text: "Zelfmoordlijn: day and night, free and anonymous (in Dutch)" },
    { number: "106", shown: "106", call: "Call Tele-Onthaal 106", text: "Tele-Onthaal: day and night, free and anonymous (in Dutch)" },
  ],
};

// Questions per language, for this page view only (memory, never storage).
const questionCache = new Map();

function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

function safeHref(href) {
  if (typeof href !== "string" || !href) return "";
  try {
    const url = new URL(href);
    return SAFE_SCHEMES.includes(url.protocol) ? url.href : "";
  } catch {
    return "";
  }
}

/** An element with attributes and children; strings become text nodes (never parsed as HTML). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "class") element.className = value;
    else if (name === "text") element.textContent = value;
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

class RequestProblem extends Error {
  constructor(kind) {
    super(kind);
    this.kind = kind; // "busy" (429), "invalid" (400, with fields) or "failed"
  }
}

export class ReferralWidget extends HTMLElement {
  static get observedAttributes() {
    return ["lang", "api", "topic", "for-whom", "age", "heading-level"];
  }

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
    this.questions = null;
    this.busy = false;
    this.generation = 0;
  }

  connectedCallback() {
    this.render();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (this.isConnected && this.root && oldValue !== newValue) this.render();
  }

  get language() {
    const own = (this.getAttribute("lang") || "").slice(0, 2).toLowerCase();
    if (LANGUAGES.includes(own)) return own;
    const inherited = (this.closest("[lang]")?.getAttribute("lang") || "").slice(0, 2).toLowerCase();
    return LANGUAGES.includes(inherited) ? inherited : "nl";
  }

  get api() {
    const base = this.getAttribute("api") || DEFAULT_API;
    try {
      return new URL(base, document.baseURI).href.replace(/\/+$/, "");
    } catch {
      return DEFAULT_API;
    }
  }

  get t() {
    return STRINGS[this.language];
  }

  get level() {
    const level = Number.parseInt(this.getAttribute("heading-level") || "2", 10);
    return Math.min(Math.max(Number.isFinite(level) ? level : 2, 1), 4);
  }

  heading(offset, attributes, ...children) {
    return h(`h${Math.min(this.level + offset, 6)}`, attributes, ...children);
  }

  /* ---------------------------------------------------------------- shell */

  render() {
    this.generation += 1;
    const t = this.t;
    const root = this.shadowRoot;
    root.replaceChildren();
    root.append(h("link", { rel: "stylesheet", href: MESSAGE_STYLESHEET }), h("link", { rel: "stylesheet", href: STYLESHEET }));
    this.root = h("div", { class: "rw", part: "root", lang: this.language });
    this.live = h("div", { class: "rw-visually-hidden", "aria-live": "polite", "aria-atomic": "true" });
    this.notice = h("div", { class: "rw-notice", hidden: true });
    this.form = h("form", { class: "rw-form", part: "form", novalidate: true, "aria-labelledby": "rw-title" });
    this.results = h("section", { class: "rw-results", part: "results", hidden: true, "aria-labelledby": "rw-results-title" });

    const header = h("div", { class: "rw-header" }, this.heading(0, { id: "rw-title", class: "rw-title" }, t.title));
    if (this.getAttribute("quick-exit") !== "host") {
      const exit = h("button", { type: "button", class: "rw-exit", part: "quick-exit" }, t.quickExit);
      exit.addEventListener("click", () => this.quickExit());
      header.append(exit);
    }
    this.root.append(header);
    if (this.getAttribute("emergency") !== "host") this.root.append(this.emergencyBlock());
    this.root.append(h("p", { class: "rw-intro" }, t.intro), this.notice, this.form, this.results, this.live);
    root.append(this.root);
    this.loadQuestions();
  }

  emergencyBlock() {
    const t = this.t;
    return h(
      "section",
      { class: "rw-emergency", part: "emergency", "aria-labelledby": "rw-emergency-title" },
      this.heading(1, { id: "rw-emergency-title", class: "rw-emergency-title" }, t.emergencyTitle),
      this.emergencyList(),
    );
  }

  emergencyList() {
    const t = this.t;
    return h(
      "ul",
      { class: "rw-emergency-list" },
      (EMERGENCY_LINES[this.language] || EMERGENCY_LINES.nl).map((line) =>
        h(
          "li",
          {},
          h("a", { href: `tel:${line.number}`, class: "rw-call", "aria-label": line.call }, line.shown),
          h("span", { class: "rw-emergency-name" }, line.text),
        ),
      ),
    );
  }

  showNotice(text, { retry = null, kind = "info" } = {}) {
    const t = this.t;
    this.notice.hidden = false;
    this.notice.className = `rw-notice rw-notice-${kind}`;
    const children = [h("p", {}, text)];
    if (kind === "error") {
      // Kind, and never blank: the built-in numbers are repeated right here.
      children.push(h("p", {}, t.stillThere), this.emergencyList());
    }
    if (retry) {
      const button = h("button", { type: "button", class: "rw-button rw-secondary" }, t.retry);
      button.addEventListener("click", retry);
      children.push(h("p", {}, button));
    }
    this.notice.replaceChildren(...children);
    this.announce(text);
  }

  showStatus(text) {
    this.status.hidden = false;
    this.status.className = "rw-status";
    this.status.removeAttribute("role");
    this.status.replaceChildren(h("p", {}, text));
    this.announce(text);
  }

  hideStatus() {
    this.status.hidden = true;
    this.status.replaceChildren();
  }

  /** A failed search, next to the button, with the numbers and a retry; focus moves to it. */
  showSubmitError(text) {
    const t = this.t;
    const retry = h("button", { type: "button", class: "rw-button rw-secondary" }, t.retry);
    retry.addEventListener("click", () => this.submit());
    this.status.hidden = false;
    this.status.className = "rw-status rw-notice rw-notice-error";
    this.status.setAttribute("role", "alert");
    this.status.replaceChildren(h("p", { class: "rw-status-text" }, text), h("p", {}, t.stillThere), this.emergencyList(), h("p", {}, retry));
    this.status.focus();
  }

  hideNotice() {
    this.notice.hidden = true;
    this.notice.replaceChildren();
  }

  announce(text) {
    // Clear first so the same text is announced again.
    this.live.textContent = "";
    window.setTimeout(() => {
      this.live.textContent = text;
    }, 50);
  }

  quickExit() {
    this.shadowRoot.replaceChildren();
    try {
      window.top.location.replace(EXIT_URL);
      return;
    } catch {
      // Not allowed to navigate the top window (a sandboxed frame): leave this frame at least.
    }
    window.location.replace(EXIT_URL);
  }

  /* ---------------------------------------------------------------- network */

  async request(path, options = {}) {
    const controller = new AbortController();
    const timer = window.setTimeout(() => controller.abort(), TIMEOUT_MS);
    let response;
    try {
      response = await fetch(`${this.api}${path}`, {
        ...options,
        credentials: "omit",
        mode: "cors",
        referrerPolicy: "no-referrer",
        signal: controller.signal,
        headers: { Accept: "application/json", ...(options.headers || {}) },
      });
    } catch {
      throw new RequestProblem("failed");
    } finally {
      window.clearTimeout(timer);
    }
    if (response.status === 429) throw new RequestProblem("busy");
    let body = null;
    try {
      body = await response.json();
    } catch {
      throw new RequestProblem("failed");
    }
    if (response.status === 400 && body && body.fields) {
      const problem = new RequestProblem("invalid");
      problem.fields = body.fields;
      throw problem;
    }
    if (!response.ok || !body) throw new RequestProblem("failed");
    return body;
  }

  async loadQuestions() {
    const generation = this.generation;
    const language = this.language;
    const key = `${this.api} ${language}`;
    this.form.hidden = true;
    this.showNotice(this.t.loading);
    try {
      if (!questionCache.has(key)) {
        const body = await this.request(`/api/v1/triage/questions/?lang=${encodeURIComponent(language)}`);
        if (!Array.isArray(body.questions)) throw new RequestProblem("failed");
        questionCache.set(key, body.questions);
      }
    } catch (problem) {
      if (generation !== this.generation) return;
      const text = problem.kind === "busy" ? this.t.tooBusy : this.t.loadFailed;
      this.showNotice(text, { kind: "error", retry: () => this.loadQuestions() });
      return;
    }
    if (generation !== this.generation) return;
    this.questions = questionCache.get(key);
    this.hideNotice();
    this.buildForm();
  }

  /* ---------------------------------------------------------------- form */

  buildForm() {
    const t = this.t;
    const presets = {
      for_whom: ["self", "someone_else"].includes(this.getAttribute("for-whom")) ? this.getAttribute("for-whom") : "self",
      topics: (this.getAttribute("topic") || "").split(/\s+/).filter(Boolean),
      age: /^\d{1,3}$/.test(this.getAttribute("age") || "") ? this.getAttribute("age") : "",
      language: this.language,
    };
    const fields = this.questions.map((question) => this.field(question, presets));
    const submit = h("button", { type: "submit", class: "rw-button rw-primary" }, t.submit);
    // Failures and "searching" show here, next to the button the person just pressed.
    this.status = h("div", { class: "rw-status", tabindex: "-1", hidden: true });
    this.form.replaceChildren(...fields, h("div", { class: "rw-actions" }, submit), this.status);
    this.form.hidden = false;
    this.watchDanger();
    this.form.onsubmit = (event) => {
      event.preventDefault();
      this.submit();
    };
  }

  /** "Yes, in danger" shows the 112 call button at once, under the question, before any submit. */
  watchDanger() {
    const group = this.form.querySelector('[data-question="danger_now"]');
    if (!group) return;
    const box = h(
      "div",
      { class: "rw-danger-now", hidden: true },
      h("p", {}, this.t.dangerNow),
      h("p", {}, h("a", { href: "tel:112", class: "rw-button rw-urgent-call" }, this.t.call112)),
    );
    group.after(box);
    const update = () => {
      const yes = group.querySelector('input[value="true"]');
      const show = Boolean(yes && yes.checked);
      if (show && box.hidden) this.announce(this.t.dangerNow);
      box.hidden = !show;
    };
    group.addEventListener("change", update);
    update();
  }

  field(question, presets) {
    const t = this.t;
    const id = `rw-q-${question.id}`;
    const marker = h("span", { class: "rw-marker" }, question.required ? t.required : t.optional);
    const help = question.help ? h("p", { class: "rw-help", id: `${id}-help` }, question.help) : null;
    const error = h("p", { class: "rw-error", id: `${id}-error`, hidden: true });
    const describedBy = [help ? `${id}-help` : "", `${id}-error`].filter(Boolean).join(" ");

    if (question.type === "integer") {
      const input = h("input", {
        id,
        name: question.id,
        type: "text",
        inputmode: "numeric",
        pattern: "[0-9]*",
        autocomplete: "off",
        maxlength: "3",
        value: presets[question.id] || null,
        class: "rw-input",
        "aria-describedby": describedBy,
      });
      return h(
        "div",
        { class: "rw-field", "data-question": question.id },
        h("label", { for: id, class: "rw-label" }, question.text, " ", marker),
        help,
        input,
        error,
      );
    }

    if (question.type === "single" && !question.required) {
      // An optional single choice (the province) is a drop-down with an empty first option: it can
      // be left or put back empty. Never preset: a region is only ever what the person picks.
      const select = h(
        "select",
        { id, name: question.id, class: "rw-input", "aria-describedby": describedBy },
        h("option", { value: "" }, t.ratherNot),
        question.choices.map((choice) => h("option", { value: choice.id }, choice.label)),
      );
      return h(
        "div",
        { class: "rw-field", "data-question": question.id },
        h("label", { for: id, class: "rw-label" }, question.text, " ", marker),
        help,
        select,
        error,
      );
    }

    const multiple = question.type === "multiple";
    const preset = presets[question.id];
    const choices = h(
      "div",
      { class: multiple ? "rw-choices rw-choices-multiple" : "rw-choices" },
      question.choices.map((choice, index) => {
        const choiceId = `${id}-${index}`;
        const input = h("input", {
          id: choiceId,
          type: multiple ? "checkbox" : "radio",
          name: question.id,
          value: choice.id,
          checked: multiple ? (preset || []).includes(choice.id) : preset === choice.id,
        });
        return h("div", { class: "rw-choice" }, input, h("label", { for: choiceId }, choice.label));
      }),
    );
    return h(
      "fieldset",
      { class: "rw-group", "data-question": question.id, "aria-describedby": describedBy },
      h("legend", { class: "rw-label" }, question.text, " ", marker),
      help,
      choices,
      error,
    );
  }

  readForm() {
    const data = { topics: [], channels: [] };
    const errors = {};
    for (const question of this.questions) {
      const inputs = [...this.form.querySelectorAll(`[name="${CSS.escape(question.id)}"]`)];
      if (question.type === "integer") {
        const raw = inputs[0].value.trim();
        if (!raw) {
          if (question.required) errors[question.id] = this.t.errorRequired;
          else data[question.id] = null;
          continue;
        }
        const value = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
        const min = question.minimum ?? 0;
        const max = question.maximum ?? 120;
        if (!Number.isInteger(value) || value < min || value > max) errors[question.id] = format(this.t.errorAge, { min, max });
        else data[question.id] = value;
        continue;
      }
      if (inputs[0] instanceof HTMLSelectElement) {
        data[question.id] = inputs[0].value;
        continue;
      }
      const chosen = inputs.filter((input) => input.checked).map((input) => input.value);
      if (question.type === "multiple") {
        data[question.id] = chosen;
        if (question.required && !chosen.length) errors[question.id] = question.id === "topics" ? this.t.errorTopics : this.t.errorRequired;
      } else if (!chosen.length) {
        if (question.required) errors[question.id] = this.t.errorRequired;
      } else {
        data[question.id] = question.type === "boolean" ? chosen[0] === "true" : chosen[0];
      }
    }
    return { data, errors };
  }

  showErrors(errors) {
    let first = null;
    for (const field of this.form.querySelectorAll("[data-question]")) {
      const name = field.getAttribute("data-question");
      const error = field.querySelector(".rw-error");
      const message = errors[name];
      error.hidden = !message;
      error.textContent = message || "";
      for (const input of field.querySelectorAll("input")) {
        if (message) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      }
      if (message && !first) first = field.querySelector("input:checked") || field.querySelector("input");
    }
    if (first) {
      first.focus();
      this.announce(this.t.fixErrors);
    }
    return Boolean(first);
  }

  async submit() {
    if (this.busy) return;
    const { data, errors } = this.readForm();
    if (this.showErrors(errors)) return;
    const generation = this.generation;
    this.busy = true;
    this.form.setAttribute("aria-busy", "true");
    this.showStatus(this.t.searching);
    try {
      const body = await this.request("/api/v1/triage/", {
        method: "POST",
        cache: "no-store",
        headers: { "Content-Type": "application/json", "Accept-Language": this.language },
        body: JSON.stringify(data),
      });
      if (generation !== this.generation) return;
      this.hideStatus();
      this.showResults(body);
    } catch (problem) {
      if (generation !== this.generation) return;
      if (problem.kind === "invalid") {
        this.hideStatus();
        const fields = {};
        for (const name of Object.keys(problem.fields)) fields[name] = this.t.errorOther;
        if (!this.showErrors(fields)) this.showSubmitError(this.t.sendFailed);
      } else {
        this.showSubmitError(problem.kind === "busy" ? this.t.tooBusy : this.t.sendFailed);
      }
    } finally {
      this.busy = false;
      this.form.removeAttribute("aria-busy");
    }
  }

  /* ---------------------------------------------------------------- results */

  showResults(body) {
    const t = this.t;
    const suggestions = Array.isArray(body.suggestions) ? body.suggestions : [];
    const forHelper = body.for_helper && typeof body.for_helper === "object" ? body.for_helper : null;
    const title = this.heading(1, { id: "rw-results-title", class: "rw-results-title", tabindex: "-1" }, t.resultsTitle);
    const parts = [title];

    const emergency = body.emergency && typeof body.emergency === "object" ? body.emergency : null;
    if (emergency) parts.push(this.urgentBlock(emergency));
    // The first suggestion's message, short, ready to copy, before any detail.
    if (typeof body.message_short === "string" && body.message_short) parts.push(this.messageFirst(body, forHelper));
    if (emergency && emergency.also && typeof emergency.also === "object") parts.push(this.card(emergency.also, true));
    if (suggestions.length) {
      // The first card's message is the one above: it is not repeated there.
      parts.push(h("ol", { class: "rw-list" }, suggestions.map((item, index) => h("li", {}, this.card(item, index > 0)))));
    } else {
      parts.push(h("p", {}, t.foundNone));
    }
    if (forHelper) parts.push(this.helperBlock(forHelper));
    if (Array.isArray(body.peer_support) && body.peer_support.length) parts.push(this.peerBlock(body.peer_support));
    if (Array.isArray(body.resources) && body.resources.length) {
      parts.push(
        h(
          "section",
          { class: "rw-resources", "aria-labelledby": "rw-resources-title" },
          this.heading(2, { id: "rw-resources-title" }, t.resources),
          h("ul", {}, body.resources.map((resource) => h("li", {}, this.externalLink(resource.url, resource.name), resource.summary ? ` – ${resource.summary}` : ""))),
        ),
      );
    }
    const again = h("button", { type: "button", class: "rw-button rw-secondary" }, t.again);
    again.addEventListener("click", () => this.startAgain());
    parts.push(h("p", { class: "rw-actions" }, again));

    this.results.replaceChildren(...parts);
    this.results.hidden = false;
    this.form.hidden = true;
    const count = suggestions.length;
    this.announce(count === 0 ? t.foundNone : count === 1 ? t.foundOne : format(t.found, { count }));
    // The heading goes to the top of the screen, so the message and its copy button fit below it.
    title.focus({ preventScroll: true });
    title.scrollIntoView({ block: "start" });
  }

  startAgain() {
    this.hideStatus();
    this.results.hidden = true;
    this.results.replaceChildren();
    this.form.hidden = false;
    const first = this.form.querySelector("input:checked, input");
    if (first) first.focus();
  }

  urgentBlock(emergency) {
    const t = this.t;
    const block = h(
      "div",
      { class: "rw-urgent", part: "urgent" },
      this.heading(2, { class: "rw-urgent-title" }, t.urgentTitle),
      emergency.what_to_say ? h("p", {}, emergency.what_to_say) : null,
      emergency.channel ? h("p", {}, this.channelLink(emergency.channel, "rw-button rw-urgent-call")) : null,
    );
    return block;
  }

  card(item, withMessage) {
    const t = this.t;
    const service = item.service || {};
    const channel = item.channel || {};
    const card = h("article", { class: "rw-card", part: "suggestion" });
    // A line that answers in another language says so after its name: "Awel (en néerlandais)".
    card.append(
      this.heading(
        2,
        { class: "rw-card-title" },
        service.name || "",
        service.language_note ? h("span", { class: "rw-language-note" }, ` (${service.language_note})`) : null,
      ),
    );
    if (service.organisation && service.organisation !== service.name) card.append(h("p", { class: "rw-org" }, service.organisation));
    if (service.summary) card.append(h("p", {}, service.summary));

    card.append(
      h(
        "div",
        { class: "rw-now" },
        // A closed line: its button is secondary and says when it opens, instead of a separate line.
        channel.when && channel.open_now !== false ? h("p", { class: "rw-when" }, channel.when) : null,
        channel.open_now !== false ? this.hoursReason(channel) : null,
        h(
          "p",
          {},
          channel.open_now === false
            ? this.channelLink(channel, "rw-button rw-secondary rw-closed rw-channel", channel.when)
            : this.channelLink(channel, "rw-button rw-primary rw-channel"),
        ),
        channel.open_now === false ? this.hoursReason(channel) : null,
        channel.region_name ? h("p", { class: "rw-region" }, channel.region_name) : null,
      ),
    );

    const reasons = Array.isArray(item.reasons) ? item.reasons.filter((reason) => reason && reason.text) : [];
    if (reasons.length) {
      card.append(h("h" + Math.min(this.level + 3, 6), { class: "rw-subtitle" }, t.why), h("ul", { class: "rw-reasons" }, reasons.map((reason) => h("li", {}, reason.text))));
    }
    if (item.what_to_expect) {
      card.append(h("h" + Math.min(this.level + 3, 6), { class: "rw-subtitle" }, t.expect), h("p", {}, item.what_to_expect));
    }
    const others = Array.isArray(item.other_channels) ? item.other_channels : [];
    if (others.length) {
      card.append(
        h("h" + Math.min(this.level + 3, 6), { class: "rw-subtitle" }, t.otherWays),
        h("ul", { class: "rw-others" }, others.map((other) => h("li", {}, this.channelLink(other, "rw-link"), other.region_name ? ` (${other.region_name})` : "", this.whenInList(other)))),
      );
    }
    if (item.message && withMessage) {
      card.append(h("details", { class: "rw-message" }, h("summary", {}, this.t.messageAbout), h("p", { class: "rw-message-text" }, item.message)));
    }
    return card;
  }

  /** The short message in a read-only text area (a tap selects it all), a copy button, the long one below. */
  messageFirst(body, forHelper) {
    const t = this.t;
    const message = body.message_short;
    const box = h("textarea", {
      id: "rw-message-short",
      class: "message-box",
      readonly: true,
      rows: "9",
      "aria-labelledby": "rw-message-title",
      "aria-describedby": "rw-message-help",
    });
    box.value = message;
    const selectAll = () => box.select();
    box.addEventListener("focus", selectAll);
    box.addEventListener("click", selectAll);
    const button = h("button", { type: "button", class: "rw-button rw-primary rw-copy", part: "copy-button" }, t.copy);
    button.addEventListener("click", () => this.copy(message, box, button));
    return h(
      "section",
      { class: "message-first", "aria-labelledby": "rw-message-title" },
      this.heading(2, { id: "rw-message-title", class: "message-title" }, forHelper ? t.messageHelper : t.messageSelf),
      box,
      h("p", { class: "message-actions" }, button),
      h("p", { class: "rw-help", id: "rw-message-help" }, t.copyHelp),
      typeof body.message === "string" && body.message
        ? h("details", { class: "rw-message" }, h("summary", {}, t.longer), h("p", { class: "rw-message-text" }, body.message))
        : null,
    );
  }

  /** Moderated peer support: a further resource after the suggestions, never one of them. */
  peerBlock(peers) {
    const t = this.t;
    return h(
      "section",
      { class: "rw-peer", "aria-labelledby": "rw-peer-title" },
      this.heading(2, { id: "rw-peer-title" }, t.peerTitle),
      h("p", {}, t.peerIntro),
      h(
        "ul",
        { class: "rw-others" },
        peers.map((peer) => this.serviceLine(peer, peer.moderation)),
      ),
    );
  }

  /** A service in a list: its name (with the language it answers in), its channel's link, an
   *  optional note (who moderates a forum) and when the channel can be reached. */
  serviceLine(item, note) {
    return h(
      "li",
      {},
      h("strong", {}, (item.service && item.service.name) || ""),
      item.service && item.service.language_note ? ` (${item.service.language_note})` : "",
      ": ",
      this.channelLink(item.channel || {}, "rw-link"),
      note ? ` – ${note}` : "",
      this.whenInList(item.channel || {}),
    );
  }

  helperBlock(forHelper) {
    const t = this.t;
    const guidance = Array.isArray(forHelper.guidance) ? forHelper.guidance : [];
    const services = Array.isArray(forHelper.services) ? forHelper.services : [];
    return h(
      "section",
      { class: "rw-helper", "aria-labelledby": "rw-helper-title" },
      this.heading(2, { id: "rw-helper-title" }, t.helperTitle),
      guidance.length ? h("ul", { class: "rw-guidance" }, guidance.map((advice) => h("li", {}, advice))) : null,
      services.length
        ? [
            this.heading(3, { class: "rw-subtitle" }, t.helperLines),
            h(
              "ul",
              { class: "rw-others" },
              services.map((item) => this.serviceLine(item)),
            ),
          ]
        : null,
    );
  }

  /** Why a channel's hours are not confirmed (the API's words), as its own line on a card. */
  hoursReason(channel) {
    return channel.hours_uncertain_reason ? h("p", { class: "rw-hours-reason" }, channel.hours_uncertain_reason) : null;
  }

  /** After a channel in a list: " – " and its openness, then why its hours are not confirmed. */
  whenInList(channel) {
    if (!channel.when) return "";
    const reason = channel.hours_uncertain_reason ? h("span", { class: "rw-hours-reason" }, `. ${channel.hours_uncertain_reason}.`) : null;
    return [` – ${channel.when}`, reason];
  }

  channelLink(channel, className, when = "") {
    const t = this.t;
    // The link text comes with the answer, in its language ("Bel 106"): the API words it once.
    const label = channel.action || channel.value || "";
    const href = safeHref(channel.href);
    if (!href) return h("span", { class: "rw-channel-text" }, label);
    const external = /^https?:/.test(href);
    return h(
      "a",
      { href, class: className, target: external ? "_blank" : null, rel: external ? "noopener noreferrer" : null },
      when ? h("span", { class: "rw-button-when" }, when) : null,
      when ? " " : null,
      label,
      external ? h("span", { class: "rw-visually-hidden" }, ` ${t.opensNewWindow}`) : null,
    );
  }

  externalLink(url, label) {
    const href = safeHref(url);
    if (!href) return h("span", {}, label || "");
    return h(
      "a",
      { href, target: "_blank", rel: "noopener noreferrer", class: "rw-link" },
      label || href,
      h("span", { class: "rw-visually-hidden" }, ` ${this.t.opensNewWindow}`),
    );
  }

  async copy(message, textElement, button) {
    const t = this.t;
    const done = () => {
      button.textContent = t.copied;
      this.announce(t.copied);
      window.setTimeout(() => {
        button.textContent = t.copy;
      }, 2500);
    };
    try {
      await navigator.clipboard.writeText(message);
      done();
      return;
    } catch {
      // No clipboard access (an iframe without clipboard-write, an old browser): select the text.
    }
    if (typeof textElement.select === "function") {
      textElement.focus();
      textElement.select();
    } else {
      const selection = window.getSelection();
      const range = document.createRange();
      range.selectNodeContents(textElement);
      selection.removeAllRanges();
      selection.addRange(range);
    }
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    if (copied) done();
    else this.announce(t.copySelect);
  }
}

if (!customElements.get("referral-widget")) customElements.define("referral-widget", ReferralWidget);
