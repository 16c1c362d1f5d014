"""The texts of a referral: reasons, openness, what to expect, the warm-referral message, guidance.

Pure: standard library only; never Django. Because of that, every user-facing text is an explicit
per-language table in this module (`Text` values: Dutch first, then French and English; Dutch for an
unknown language), not a gettext message.

Rules (the safe-messaging checklist, shared/reference/safe-messaging.md section 6):
- Service facts (names, numbers, URLs, hours, free, anonymous) come only from the `ServiceEntry`,
  `ChannelEntry` and `Openness` values passed in. The only numbers written here are the emergency
  numbers 112 and 101 and the Zelfmoordlijn 1813 for helpers, all sourced in safe-messaging.md.
- The message always has the same parts: an acknowledgement, one service with its exact channel,
  its openness and what happens there, a 24/7 fallback unless the first service already is that line,
  112 for immediate danger (first when someone is in danger now), and a hopeful closing that invites
  to keep talking.
- Young people are addressed with "je" / "tu"; a helper's message is written for them to send.
- `check_message` turns the checklist into concrete word and phrase rules; the tests use it to prove
  that every composed message passes and that bad messages fail.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Protocol

from directory.entries import IN_LANGUAGE, ServiceEntry, Text, read_marked, spoken_language
from directory.hours import UNCERTAIN_HISTORICAL
from referral.ranking import ChannelChoice, Ranking, Reason, Suggestion
from referral.triage import Answers, capitalise, choose_language, label_channel_kind, label_language, label_region

EMERGENCY_NUMBER = "112"
POLICE_NUMBER = "101"
# Takes calls about someone else, day and night (safe-messaging.md section 4).
SUICIDE_LINE_NUMBER = "1813"
# Its French-speaking counterpart, the Centre de Prévention du Suicide, day and night
# (fixtures/reference/belgium-services.md, "CPS (update)").
FRENCH_SUICIDE_LINE_NUMBER = "0800 32 123"
# The lines the checklist accepts as a 24/7 fallback: Zelfmoordlijn and Tele-Onthaal.
TWENTY_FOUR_SEVEN_NUMBERS = ("1813", "106")
# ... and, for a reader of French or English, the day-and-night lines in their language
# (fixtures/reference/belgium-services.md): Centre de Prévention du Suicide, Télé-Accueil; CHS Helpline.
TWENTY_FOUR_SEVEN_IN_LANGUAGE = {"fr": ("0800 32 123", "107"), "en": ("02 648 40 14",)}
# Services whose line is the suicide line (the message names 1813 conditionally only when neither is).
SUICIDE_LINES = frozenset({"zelfmoordlijn-1813", "cps-0800-32-123"})

# -- Openness -------------------------------------------------------------------------------------

OPENNESS_TEXTS: dict[str, Text] = {
    "open-until": Text("Nu open tot {time}", "Ouvert maintenant jusqu'à {time}", "Open now until {time}"),
    # Open for more than the next 24 hours, but not known to be always (a 24/7 line whose public
    # holidays are not known closes "on 25 December"): no closing time that would read as tonight's.
    "open-now": Text("Nu open", "Ouvert maintenant", "Open now"),
    "day-and-night": Text("Dag en nacht bereikbaar", "Joignable jour et nuit", "Reachable day and night"),
    "opens-today": Text("Opent vandaag om {time}", "Ouvre aujourd'hui à {time}", "Opens today at {time}"),
    "opens-tomorrow": Text("Opent morgen om {time}", "Ouvre demain à {time}", "Opens tomorrow at {time}"),
    "opens-on": Text("Opent op {date} om {time}", "Ouvre le {date} à {time}", "Opens on {date} at {time}"),
    "closed": Text("Nu gesloten", "Fermé pour le moment", "Closed for now"),
    "answer-later": Text(
        "Altijd: je krijgt later antwoord",
        "À tout moment : tu reçois une réponse plus tard",
        "Any time: you get an answer later",
    ),
    "always-available": Text("Altijd beschikbaar", "Toujours disponible", "Always available"),
    "unknown": Text("Openingsuren niet gekend", "Horaires inconnus", "Opening hours not known"),
    # Hours not confirmed (hours.certainty): the same facts, said as what usually holds.
    "usually-open-until": Text(
        "Meestal open tot {time} (nog niet bevestigd)",
        "Normalement ouvert jusqu'à {time} (pas encore confirmé)",
        "Usually open until {time} (not yet confirmed)",
    ),
    "usually-open-now": Text(
        "Meestal open (nog niet bevestigd)",
        "Normalement ouvert (pas encore confirmé)",
        "Usually open (not yet confirmed)",
    ),
    "usually-day-and-night": Text(
        "Meestal dag en nacht bereikbaar (nog niet bevestigd)",
        "Normalement joignable jour et nuit (pas encore confirmé)",
        "Usually reachable day and night (not yet confirmed)",
    ),
    # Historical hours never say "open now": they were true once.
    "maybe-open-until": Text(
        "Misschien open tot {time}: deze uren zijn oud en niet bevestigd",
        "Peut-être ouvert jusqu'à {time} : ces horaires sont anciens et non confirmés",
        "Maybe open until {time}: these hours are old and not confirmed",
    ),
    "maybe-open-now": Text(
        "Misschien open: deze uren zijn oud en niet bevestigd",
        "Peut-être ouvert : ces horaires sont anciens et non confirmés",
        "Maybe open: these hours are old and not confirmed",
    ),
    "maybe-day-and-night": Text(
        "Misschien dag en nacht bereikbaar: deze uren zijn oud en niet bevestigd",
        "Peut-être joignable jour et nuit : ces horaires sont anciens et non confirmés",
        "Maybe reachable day and night: these hours are old and not confirmed",
    ),
    # A public holiday nobody knows about: neither open nor closed.
    "holiday-unknown": Text(
        "Vandaag is een feestdag: mogelijk gesloten",
        "Aujourd'hui est un jour férié : peut-être fermé",
        "Today is a public holiday: possibly closed",
    ),
    "not-confirmed": Text("(nog niet bevestigd)", "(pas encore confirmé)", "(not yet confirmed)"),
}

# Channels without hours. A website answers nobody, so it must not promise an answer later.
KINDS_WITHOUT_HOURS = {"email": "answer-later", "forum": "answer-later", "website": "always-available"}

WEEKDAYS = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MONTHS = {
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip

# -- Reasons --------------------------------------------------------------------------------------

# Short sentences without a full stop, as the API lists them; `join_sentences` adds it in running text.
REASON_TEXTS: dict[str, Text] = {
    "topic-specialised": Text(
        "Gespecialiseerd in dit onderwerp: {topic}",
        "Spécialisé dans ce sujet : {topic}",
        "Specialised in this topic: {topic}",
    ),
    "topic-general": Text(
        "Helpt ook bij dit onderwerp: {topic}",
        "Aide aussi pour ce sujet : {topic}",
        "Also helps with this topic: {topic}",
    ),
    "age-fits": Text("Past bij de leeftijd{ages}", "Adapté à l'âge{ages}", "Fits the age{ages}"),
    "open-now": Text("Nu open: {channel}", "Ouvert maintenant : {channel}", "Open now: {channel}"),
    "opens-later": Text(
        "Later open: {channel}, {when}", "Ouvre plus tard : {channel}, {when}", "Opens later: {channel}, {when}"
    ),
    "opens-later-unconfirmed": Text(
        "Later open: {channel}, {when} (nog niet bevestigd)",
        "Ouvre plus tard : {channel}, {when} (pas encore confirmé)",
        "Opens later: {channel}, {when} (not yet confirmed)",
    ),
    "preferred-channel": Text(
        "Zoals je het liefst wilt: {channel}", "Comme tu préfères : {channel}", "The way you prefer: {channel}"
    ),
    "open-now-unconfirmed": Text(
        "Meestal open: {channel} (nog niet bevestigd)",
        "Normalement ouvert : {channel} (pas encore confirmé)",
        "Usually open: {channel} (not yet confirmed)",
    ),
    "generalist": Text("Luistert naar elke vraag", "Écoute toutes les questions", "Listens to any question"),
    "free-anonymous": Text("Gratis en anoniem", "Gratuit et anonyme", "Free and anonymous"),
    "free": Text("Gratis", "Gratuit", "Free of charge"),
    "anonymous": Text("Anoniem", "Anonyme", "Anonymous"),
    "first-step-young-people": Text(
        "De Vlaamse hulplijnen spraken af dat dit de eerste stap is voor kinderen en jongeren",
        "Les lignes d'écoute flamandes ont convenu que c'est le premier pas pour les enfants et les jeunes",
        "Flemish helplines agreed that this is the first step for children and young people",
    ),
    "24-7": OPENNESS_TEXTS["day-and-night"],
    "24-7-unconfirmed": OPENNESS_TEXTS["usually-day-and-night"],
    "young-helpers": Text(
        "Ben je zelf jong? Dan kun je hen ook contacteren over iemand anders",
        "Tu es jeune toi aussi ? Tu peux aussi les contacter au sujet de quelqu'un d'autre",
        "Young yourself? You can also contact them about someone else",
    ),
    "third-party": Text(
        "Je kunt hen ook contacteren over iemand anders",
        "Tu peux aussi les contacter au sujet de quelqu'un d'autre",
        "You can also contact them about someone else",
    ),
    "language": Text("Hulp in het {language}", "Aide en {language}", "Help in {language}"),
    "nearby": Text("In jouw provincie: {region}", "Dans ta province : {region}", "In your province: {region}"),
}
GENERIC_REASON = Text("Past bij wat je zoekt", "Correspond à ce que tu cherches", "Fits what you are looking for")

# Filled into "age-fits" as {ages}; which one depends on the bounds the ranking passes.
AGE_RANGES: dict[tuple[bool, bool], Text] = {
    (True, True): Text(
        ": van {minimum} tot {maximum} jaar", " : de {minimum} à {maximum} ans", ": ages {minimum} to {maximum}"
    ),
    (True, False): Text(": vanaf {minimum} jaar", " : à partir de {minimum} ans", ": ages {minimum} and up"),
    (False, True): Text(": tot {maximum} jaar", " : jusqu'à {maximum} ans", ": up to age {maximum}"),
}
# The same bounds when no source states them (ServiceEntry.age_is_reading): usual, not official.
AGE_READINGS: dict[tuple[bool, bool], Text] = {
    (True, True): Text(
        ": meestal van {minimum} tot {maximum} jaar (niet officieel)",
        " : en général de {minimum} à {maximum} ans (non officiel)",
        ": usually ages {minimum} to {maximum} (not official)",
    ),
    (True, False): Text(
        ": meestal vanaf {minimum} jaar (niet officieel)",
        " : en général à partir de {minimum} ans (non officiel)",
        ": usually ages {minimum} and up (not official)",
    ),
    (False, True): Text(
        ": meestal tot {maximum} jaar (niet officieel)",
        " : en général jusqu'à {maximum} ans (non officiel)",
        ": usually up to age {maximum} (not official)",
    ),
}

# -- The message ----------------------------------------------------------------------------------

# The opening names who writes; its weight comes from the topic. A helper who writes about something
# heavy says they worry; about school they do not.
OPENINGS: dict[str, Text] = {
    "someone_else": Text(
        "Ik las je bericht, en ik ben blij dat je het met me deelt.",
        "J'ai lu ton message, et merci de me l'avoir confié.",
        "I read your message, and I'm glad you shared it with me.",
    ),
    "self": Text(
        "Goed dat je hulp zoekt.", "C'est bien que tu cherches de l'aide.", "It's good that you're looking for help."
    ),
}
WORRIED = Text("Ik maak me zorgen om je.", "Je m'inquiète pour toi.", "I'm worried about you.")
HEAVY_TOPICS = ("suicidal-thoughts", "self-harm", "sexual-violence", "violence-abuse")
# One sentence per topic, written for it (never a topic name slotted into a frame), heaviest first:
# with several topics, the heaviest one speaks. "other" is also the text for a topic not listed.
TOPIC_ACKNOWLEDGEMENTS: dict[str, Text] = {
    "suicidal-thoughts": Text(
        "Het klinkt alsof het nu echt zwaar is. Gedachten aan zelfdoding mag je uitspreken, "
        "en erover praten kan lucht geven.",
        "On dirait que c'est vraiment dur en ce moment. Tu as le droit de parler de pensées suicidaires, "
        "et en parler peut soulager.",
        "It sounds like things are really hard right now. You can talk about thoughts of suicide, "
        "and talking can bring some relief.",
    ),
    "self-harm": Text(
        "Het klinkt alsof het nu echt zwaar is. Jezelf pijn doen is vaak een manier om met iets heel moeilijks "
        "om te gaan, en je verdient steun.",
        "On dirait que c'est vraiment dur en ce moment. Se faire du mal est souvent une façon de faire face "
        "à quelque chose de très difficile, et tu mérites du soutien.",
        "It sounds like things are really hard right now. Hurting yourself is often a way of coping with "
        "something very hard, and you deserve support.",
    ),
    "sexual-violence": Text(
        "Het klinkt alsof het nu echt zwaar is. Wat er gebeurd is, is niet jouw schuld, en je verdient hulp.",
        "On dirait que c'est vraiment dur en ce moment. Ce qui s'est passé n'est pas de ta faute, "
        "et tu mérites de l'aide.",
        "It sounds like things are really hard right now. What happened is not your fault, and you deserve help.",
    ),
    "violence-abuse": Text(
        "Het klinkt alsof het nu echt zwaar is. Niemand hoort geweld mee te maken, en je verdient hulp.",
        "On dirait que c'est vraiment dur en ce moment. Personne ne devrait subir de la violence, "
        "et tu mérites de l'aide.",
        "It sounds like things are really hard right now. Nobody should have to live with violence, "
        "and you deserve help.",
    ),
    # Practical, not heavy: someone asks for quick advice (in danger now, 112 comes first anyway).
    "poisoning": Text(
        "Het klinkt alsof je snel raad nodig hebt. Het is goed om het te vragen: daar zijn deskundigen voor.",
        "On dirait que tu as besoin d'un conseil rapidement. C'est bien de poser la question : "
        "il y a des spécialistes pour ça.",
        "It sounds like you need advice quickly. Asking is the right thing to do: there are experts for this.",
    ),
    "online-harm": Text(
        "Wat er online gebeurt, kan je heel erg raken. Je staat er niet alleen voor.",
        "Ce qui se passe en ligne peut vraiment te toucher. Tu n'es pas seul·e face à ça.",
        "What happens online can hit you hard. You don't have to face it on your own.",
    ),
    "missing-runaway": Text(
        "Het klinkt alsof het thuis of onderweg nu moeilijk is. Je hoeft dit niet alleen uit te zoeken.",
        "On dirait que c'est difficile en ce moment, à la maison ou ailleurs. Tu n'as pas à gérer ça seul·e.",
        "It sounds like things are difficult right now, at home or on the way. You don't have to sort this out alone.",
    ),
    "eating": Text(
        "Het klinkt alsof eten nu veel plaats inneemt in je hoofd. "
        "Daar kun je met iemand over praten die het begrijpt.",
        "On dirait que l'alimentation prend beaucoup de place dans ta tête. Tu peux en parler "
        "avec quelqu'un qui comprend.",
        "It sounds like eating takes up a lot of space in your head right now. You can talk about it "
        "with someone who understands.",
    ),
    "feeling-down": Text(
        "Het klinkt alsof je je nu niet goed voelt. Dat mag er zijn, en erover praten kan helpen.",
        "On dirait que tu ne te sens pas bien en ce moment. C'est permis, et en parler peut aider.",
        "It sounds like you're not feeling well right now. That's okay, and talking about it can help.",
    ),
    "grief": Text(
        "Iemand of iets verliezen doet pijn, en rouw heeft tijd nodig. Je hoeft dat niet alleen te doen.",
        "Perdre quelqu'un ou quelque chose fait mal, et le deuil prend du temps. Tu n'as pas à le vivre seul·e.",
        "Losing someone or something hurts, and grief takes time. You don't have to go through it alone.",
    ),
    "loneliness": Text(
        "Je eenzaam voelen is zwaar, en het overkomt meer mensen dan je denkt. Erover praten kan helpen.",
        "Se sentir seul·e, c'est lourd, et ça arrive à plus de monde qu'on ne le pense. En parler peut aider.",
        "Feeling lonely is hard, and it happens to more people than you'd think. Talking about it can help.",
    ),
    "family": Text(
        "Het klinkt alsof het thuis nu niet makkelijk is. Praten met iemand die luistert, kan helpen.",
        "On dirait que ce n'est pas facile à la maison en ce moment. Parler à quelqu'un qui écoute peut aider.",
        "It sounds like things aren't easy at home right now. Talking to someone who listens can help.",
    ),
    "bullying": Text(
        "Gepest worden is nooit oké, en het is niet jouw schuld. Je verdient dat er iets verandert.",
        "Être harcelé·e n'est jamais normal, et ce n'est pas de ta faute. Tu mérites que ça change.",
        "Being bullied is never okay, and it's not your fault. You deserve for it to change.",
    ),
    "drugs-alcohol": Text(
        "Vragen over drugs of alcohol mag je altijd stellen, zonder dat iemand je veroordeelt.",
        "Tu peux toujours poser tes questions sur les drogues ou l'alcool, sans être jugé·e.",
        "You can always ask about drugs or alcohol, without anyone judging you.",
    ),
    "identity-lgbtqi": Text(
        "Vragen over wie je bent en van wie je houdt, zijn waardevol. Er zijn mensen die je begrijpen.",
        "Les questions sur qui tu es et qui tu aimes comptent. Il y a des gens qui te comprennent.",
        "Questions about who you are and who you love matter. There are people who understand.",
    ),
    "relationships-sexuality": Text(
        "Vragen over relaties en seksualiteit mag je altijd stellen.",
        "Tu peux toujours poser tes questions sur les relations et la sexualité.",
        "You can always ask about relationships and sexuality.",
    ),
    "school": Text(
        "Het klinkt alsof school je nu bezighoudt. Daar hoef je niet alleen mee te blijven zitten.",
        "On dirait que l'école te préoccupe en ce moment. Tu n'as pas à rester seul·e avec ça.",
        "It sounds like school is on your mind right now. You don't have to stay stuck with it alone.",
    ),
    "other": Text(
        "Wat je ook bezighoudt, het is de moeite waard om erover te praten.",
        "Quoi qui te préoccupe, ça vaut la peine d'en parler.",
        "Whatever is on your mind, it's worth talking about.",
    ),
}
# Self-harm is not suicide: the suicide line is named only for whom it is meant (1813, sourced in
# safe-messaging.md section 4, answers day and night).
SUICIDE_LINE_IF = Text(
    f"Denk je ook aan zelfdoding? Bel dan de Zelfmoordlijn op {SUICIDE_LINE_NUMBER}, dag en nacht.",
    "Tu penses aussi au suicide ? Appelle alors le Centre de Prévention du Suicide au "
    f"{FRENCH_SUICIDE_LINE_NUMBER}, jour et nuit.",
    f"Are you also thinking about suicide? Then call the Zelfmoordlijn on {SUICIDE_LINE_NUMBER}, day and night "
    "(in Dutch).",
)
REACH = Text(
    "Je kunt terecht bij {to_name} ({details}).",
    "Tu peux t'adresser {to_name} ({details}).",
    "You can reach out to {to_name} ({details}).",
)
CHANNEL_DETAILS = Text("{kind}: {value}", "{kind} : {value}", "{kind}: {value}")
# When no suggested line speaks the reader's language (the directory's Dutch lines still help).
NO_LINE_IN_LANGUAGE = Text(
    "",
    "Pour ce sujet, aucune ligne ne répond en français en ce moment ; voici celle qui convient le mieux.",
    "No line answers in English for this topic right now; this is the best fit.",
)
# After a place of a service with places in several provinces (the care centres after sexual violence):
# in the asked province, or, without one (none is assumed) or with none there, that there are others.
IN_ASKED_REGION = Text(
    "Die plek ligt in jouw provincie ({region}).",
    "Ce lieu se trouve dans ta province ({region}).",
    "This place is in your province ({region}).",
)
ALSO_ELSEWHERE = Text(
    "Er zijn er ook in andere provincies.",
    "Il y en a aussi dans d'autres provinces.",
    "There are others in other provinces too.",
)
# A moment inside a sentence, said as the channel's "when" says it: "vandaag om 14:00",
# "demain à 14:00", "on Tuesday 8 December at 18:00".
MOMENTS = {
    "today": Text("vandaag om {time}", "aujourd'hui à {time}", "today at {time}"),
    "tomorrow": Text("morgen om {time}", "demain à {time}", "tomorrow at {time}"),
    "on": Text("{date} om {time}", "le {date} à {time}", "on {date} at {time}"),
}
# Dutch writes 00:00 (certainty decides its Dutch wording); "0h00" and "00:00" read oddly in French and English.
MIDNIGHT = {"fr": "minuit", "en": "midnight"}
FALLBACK_INTRO = Text(
    "Lukt dat niet, of wil je liever meteen iemand spreken?",
    "Ça ne passe pas, ou tu préfères parler à quelqu'un tout de suite ?",
    "Can't get through, or want to talk to someone right away?",
)
DANGER = Text(
    f"Ben je nu in gevaar? Bel meteen {EMERGENCY_NUMBER} (of de politie op {POLICE_NUMBER}).",
    f"Tu es en danger maintenant ? Appelle tout de suite le {EMERGENCY_NUMBER} (ou la police au {POLICE_NUMBER}).",
    f"Are you in danger right now? Call {EMERGENCY_NUMBER} straight away (or the police on {POLICE_NUMBER}).",
)
# When someone is in danger now, the message says it to them in the first person too (#chatsafe C3).
NOT_ALONE = Text(
    "Ben je alleen? Ga naar iemand in je buurt of vraag iemand om bij je te komen.",
    "Tu es seul·e ? Va vers quelqu'un près de toi ou demande à quelqu'un de venir.",
    "Are you alone? Go to someone nearby or ask someone to come and be with you.",
)
CLOSINGS: dict[str, Text] = {
    "someone_else": Text(
        "Het is sterk dat je erover praat. Je hoeft dit niet alleen te dragen. Laat je me weten hoe het ging?",
        "C'est courageux d'en parler. Tu n'as pas à porter ça en solitaire. Tu me diras comment ça s'est passé ?",
        "It takes strength to talk about this. You don't have to carry this alone. Will you let me know how it went?",
    ),
    "self": Text(
        "Die stap zetten is sterk. Je hoeft dit niet alleen te dragen. "
        "Praat er ook over met iemand die je vertrouwt, zoals een vriend, een ouder of een leerkracht.",
        "Faire ce pas, c'est courageux. Tu n'as pas à porter ça en solitaire. "
        "Parles-en aussi à quelqu'un en qui tu as confiance, comme un parent, un prof ou un proche.",
        "Taking this step takes strength. You don't have to carry this alone. "
        "Talk about it with someone you trust too, like a friend, a parent or a teacher.",
    ),
}

# Names exactly the lines listed for the helper (for_helper.services), so advice and list agree.
ASK_ADVICE_YOURSELF = Text(
    "Je kunt ook zelf advies vragen over iemand anders, bij {names} (zie hieronder).",
    "Tu peux aussi demander toi-même conseil au sujet de quelqu'un d'autre : {names} (voir ci-dessous).",
    "You can also ask for advice about someone else yourself: {names} (see below).",
)
ASK_ADVICE_IF_YOUNG = Text(
    "Ben je zelf jong? Dan kun je ook bij {names} terecht over iemand anders (zie hieronder).",
    "Tu es jeune toi aussi ? Tu peux aussi t'adresser à {names} au sujet de quelqu'un d'autre (voir ci-dessous).",
    "Young yourself? Then you can also contact {names} about someone else (see below).",
)
AND = Text("en", "et", "and")
HELPER_GUIDANCE = (
    Text(
        "Je hoeft dit niet alleen op te lossen: luisteren en de weg naar hulp tonen is al veel.",
        "Tu n'as pas à tout régler toi-même : écouter et montrer le chemin vers l'aide, c'est déjà beaucoup.",
        "You don't have to solve this alone: listening and pointing the way to help already counts.",
    ),
    Text(
        "Je mag grenzen stellen en tijd voor jezelf nemen. Je hoeft niet op elk bericht te antwoorden.",
        "Tu peux poser des limites et prendre du temps pour toi. Rien ne t'oblige à répondre à chaque message.",
        "You may set boundaries and take time for yourself. You don't have to answer every message.",
    ),
    Text(
        "Zie je online zorgwekkende berichten of beelden? Meld ze bij het platform.",
        "Tu vois des messages ou des images inquiétants en ligne ? Signale-les à la plateforme.",
        "Seeing worrying posts or images online? Report them to the platform.",
    ),
    Text(
        f"Is iemand nu in gevaar en kan of wil die zelf niet bellen? Bel dan zelf {EMERGENCY_NUMBER}.",
        f"Quelqu'un est en danger maintenant et ne peut pas ou ne veut pas appeler ? "
        f"Appelle toi-même le {EMERGENCY_NUMBER}.",
        f"Is someone in danger right now and can't or won't call? Call {EMERGENCY_NUMBER} yourself.",
    ),
    Text(
        "Beloof niet dat je het geheim houdt: soms moet je iemand anders inschakelen om iemand veilig te houden.",
        "Ne promets pas de garder le secret : il faut parfois prévenir quelqu'un d'autre pour protéger la personne.",
        "Don't promise to keep it secret: sometimes you need to involve someone else to keep the person safe.",
    ),
    Text(
        "Vraag later nog eens hoe het gaat.",
        "Prends de ses nouvelles plus tard.",
        "Check in with them again later.",
    ),
)

# From sos112.be via safe-messaging.md section 4: what the operator needs, and keep the line open.
# For the person in danger themself: first person, and not alone (#chatsafe C3).
EMERGENCY_SELF = Text(
    f"Bel {EMERGENCY_NUMBER}. Ben je alleen? Ga naar iemand in je buurt of vraag iemand om bij je te komen. "
    f"{EMERGENCY_NUMBER} bellen is gratis. Zeg waar je bent en wat er gebeurd is. "
    "Leg niet in voor ze zeggen dat het mag.",
    f"Appelle le {EMERGENCY_NUMBER}. Tu es seul·e ? Va vers quelqu'un près de toi ou demande à quelqu'un de venir. "
    f"L'appel au {EMERGENCY_NUMBER} est gratuit. Dis où tu es et ce qui s'est passé. "
    "Ne raccroche pas avant qu'on te le dise.",
    f"Call {EMERGENCY_NUMBER}. Are you alone? Go to someone nearby or ask someone to come and be with you. "
    f"Calling {EMERGENCY_NUMBER} is free. Say where you are and what happened. "
    "Don't hang up until they tell you to.",
)
EMERGENCY = Text(
    f"Is iemand nu in gevaar? Bel {EMERGENCY_NUMBER} voor een ambulance, of {POLICE_NUMBER} voor de politie. "
    f"{EMERGENCY_NUMBER} bellen is gratis. Zeg waar je bent, wat er gebeurd is, of iemand gewond is en wie je bent. "
    "Leg niet in voor ze zeggen dat het mag. "
    "Blijf in contact met de persoon tot er hulp is, als dat veilig kan voor jou.",
    f"Quelqu'un est en danger maintenant ? Appelle le {EMERGENCY_NUMBER} pour une ambulance, "
    f"ou le {POLICE_NUMBER} pour la police. L'appel au {EMERGENCY_NUMBER} est gratuit. "
    "Dis où tu es, ce qui s'est passé, si quelqu'un est blessé et qui tu es. "
    "Ne raccroche pas avant qu'on te le dise. "
    "Si c'est sans danger pour toi, reste en contact avec la personne jusqu'à l'arrivée des secours.",
    f"Is someone in danger right now? Call {EMERGENCY_NUMBER} for an ambulance, or {POLICE_NUMBER} for the police. "
    f"Calling {EMERGENCY_NUMBER} is free. Say where you are, what happened, whether anyone is hurt and who you are. "
    "Don't hang up until they tell you to. If it's safe for you, stay in touch with the person until help arrives.",
)

COST_WORDS = {
    "nl": ("gratis", "anoniem"),
    "fr": ("gratuit", "gratuite", "gratuitement", "anonyme", "anonymement"),
    "en": ("free", "anonymous", "anonymously"),
}

# -- The checker's rules --------------------------------------------------------------------------

ACKNOWLEDGEMENT_PHRASES = {
    "nl": ("het klinkt alsof", "ik las je bericht", "goed dat je"),
    "fr": ("on dirait que", "j'ai lu ton message", "c'est bien que tu"),
    "en": ("it sounds like", "i read your message", "good that you"),
}
# Checklist point 2 (N1): methods, means, tools, locations, images, farewells. Whole words only, so
# general words such as "zelfverwonding" or "verwonden" stay allowed.
METHOD_WORDS = {
    "nl": (
        "mes", "messen", "mesje", "mesjes", "scheermes", "scheermesje", "scheermesjes", "lemmet",
        "pil", "pillen", "tabletten", "medicijnen", "overdosis", "gif", "vergif",
        "ophangen", "opgehangen", "strop", "touw", "springen", "sprong", "gesprongen",
        "snijden", "snij", "sneed", "gesneden", "snee", "sneden",
        "bloed", "bloeden", "wond", "wonde", "wonden", "litteken", "littekens",
        "brug", "spoor", "sporen", "trein", "dak", "wapen", "pistool", "geweer",
        "foto", "foto's", "afscheidsbrief", "afscheidsbericht", "vaarwel",
    ),
    # No "train": "en train de" is everyday French.
    "fr": (
        "couteau", "couteaux", "lame", "lames", "rasoir", "cutter",
        "pilule", "pilules", "cachets", "comprimés", "médicaments", "overdose", "surdose", "poison",
        "pendre", "pendaison", "corde", "sauter", "saut", "se couper", "coupure", "coupures",
        "sang", "saigner", "plaie", "plaies", "cicatrice", "cicatrices",
        "pont", "rails", "voie ferrée", "toit", "arme", "pistolet", "fusil",
        "photo", "photos", "lettre d'adieu", "adieu",
    ),
    # No bare "hang": "don't hang up" belongs in emergency advice.
    "en": (
        "knife", "knives", "blade", "blades", "razor",
        "pill", "pills", "tablets", "medication", "overdose", "poison",
        "hanging", "noose", "rope", "jump", "jumping", "cut", "cutting",
        "blood", "bleed", "bleeding", "wound", "wounds", "scar", "scars",
        "bridge", "railway", "train tracks", "rooftop", "gun", "weapon",
        "photo", "photos", "picture", "suicide note", "goodbye letter", "farewell",
    ),
}  # fmt: skip
# A service's name says where to get help, not how to get hurt: "the Poison Centre" passes point 2.
SERVICE_NAMES_NOT_METHODS = r"(?<!\w)poison centre(?!\w)"
# Checklist point 2 (N2-N4, N10): endorsement, comparison, accusation, judgement, jokes.
JUDGEMENT_PHRASES = {
    "nl": (
        "aandacht zoeken", "aandachtstrekker", "stel je niet aan", "aanstellerij", "overdrijf", "overdrijven",
        "het valt wel mee", "zo erg is het niet", "anderen hebben het erger", "doe niets doms", "domme dingen",
        "haha", "grapje",
    ),
    "fr": (
        "chercher de l'attention", "tu exagères", "exagérer", "ce n'est pas si grave", "d'autres vivent pire",
        "ne fais pas de bêtises", "bêtise", "bêtises", "haha", "mdr", "je plaisante",
    ),
    "en": (
        "attention seeking", "attention-seeking", "exaggerating", "not that bad", "others have it worse",
        "don't do anything stupid", "stupid", "haha", "lol", "just kidding",
    ),
}  # fmt: skip
# Checklist point 5 (N5): no secrecy.
SECRECY_PHRASES = {
    "nl": (
        "ik zal het niemand vertellen", "ik vertel het niemand", "ik vertel het aan niemand",
        "ik zeg het tegen niemand", "geheim houden", "ons geheim", "blijft tussen ons", "blijft onder ons",
    ),
    "fr": (
        "je ne le dirai à personne", "je ne dirai rien à personne", "garder le secret", "notre secret",
        "reste entre nous",
    ),
    "en": (
        "i won't tell anyone", "i will not tell anyone", "i won't tell anybody", "keep it secret",
        "keep it a secret", "our secret", "stays between us", "between you and me",
    ),
}  # fmt: skip
# Checklist point 5: no promises beyond sourced facts, and never "it will pass by itself" (N12).
PROMISE_PHRASES = {
    "nl": ("alles komt goed", "komt vanzelf goed", "gaat vanzelf over", "ze lossen het op", "ik beloof", "beloofd"),
    "fr": ("tout va s'arranger", "ça va passer", "ils vont tout régler", "je te promets", "promis"),
    "en": ("everything will be fine", "everything will be okay", "it will pass", "they will fix", "i promise"),
}
# Checklist point 6: the last paragraph carries hope or strength, and an invitation to keep talking.
HOPE_PHRASES = {
    "nl": ("niet alleen te dragen", "sterk", "hoop"),
    "fr": ("en solitaire", "courageux", "espoir"),
    "en": ("carry this alone", "strength", "hope"),
}
INVITATION_PHRASES = {
    "nl": ("laat je me weten", "praat er ook over", "praat erover"),
    "fr": ("tu me diras", "dis-moi", "parles-en"),
    "en": ("let me know", "talk about it"),
}


def reason_text(
    reason: Reason, language: str, at: datetime | None = None, topic_names: Mapping[str, Text] | None = None
) -> str:
    """One short sentence for a reason; a code or parameter we do not know still reads well. A
    moment in it is said relative to `at` when given, as the card's own "when" says it; a topic
    (a slug: the ranking is the same in every language) by its name in `topic_names` when listed."""
    language = choose_language(language)
    params = {name: value for name, value in reason.params if value}
    if topic_names and params.get("topic") in topic_names:
        params["topic"] = topic_names[params["topic"]].get(language)
    if "channel" in params:
        params["channel"] = label_channel_kind(params["channel"], language)
    if "language" in params:
        params["language"] = label_language(params["language"], language)
    if "when" in params:
        params["when"] = describe_moment(params["when"], language, at)
    if "region" in params:
        params["region"] = label_region(params["region"], language)
    if reason.code == "age-fits":
        ages = (AGE_READINGS if "reading" in params else AGE_RANGES).get(("minimum" in params, "maximum" in params))
        params["ages"] = ages.get(language).format_map(params) if ages else ""
    try:
        return REASON_TEXTS.get(reason.code, GENERIC_REASON).get(language).format_map(params)
    except KeyError:
        # Never show a placeholder such as "{topic}" to a person looking for help.
        return GENERIC_REASON.get(language)


def describe_openness(choice: ChannelChoice, language: str, at: datetime) -> str:
    """When the channel can be reached, in the service's own zone (the datetimes carry it)."""
    language = choose_language(language)
    openness = choice.openness
    if openness is None:
        return OPENNESS_TEXTS[KINDS_WITHOUT_HOURS.get(choice.channel.kind, "unknown")].get(language)
    certainty = choice.certainty
    confirmed = certainty is not None and certainty.confirmed
    if openness.open_now:
        # "Nu open" only on confirmed hours; "meestal" on secondary ones; "misschien" on old ones.
        sureness = (
            "" if confirmed else "maybe-" if certainty and certainty.reason == UNCERTAIN_HISTORICAL else "usually-"
        )
        if openness.closes_at is None:
            return OPENNESS_TEXTS[f"{sureness}day-and-night"].get(language)
        if openness.closes_at - at > timedelta(hours=24):
            return OPENNESS_TEXTS[f"{sureness}open-now"].get(language)
        until = format_time(openness.closes_at, language)
        return OPENNESS_TEXTS[f"{sureness}open-until"].get(language).format(time=until)
    opens = openness.next_open_at
    said = OPENNESS_TEXTS["holiday-unknown"].get(language) if openness.open_now is None else ""
    if opens is None:
        return said or OPENNESS_TEXTS["closed"].get(language)
    when = said_when(OPENNESS_TEXTS[f"opens-{day_word(opens, at)}"], moment=opens, language=language)
    if not confirmed and openness.open_now is not None:
        when = f"{when} {OPENNESS_TEXTS['not-confirmed'].get(language)}"
    return f"{said}. {when}" if said else when


def day_word(moment: datetime, at: datetime) -> str:
    """ "today", "tomorrow" or "on" (another day): the service's calendar days, not the caller's or UTC's."""
    days = (moment.date() - at.astimezone(moment.tzinfo).date()).days
    return {0: "today", 1: "tomorrow"}.get(days, "on")


def describe_moment(iso: str, language: str, at: datetime | None = None) -> str:
    """An ISO moment from the ranking as people say it, relative to `at` when given ("vandaag om
    14:00"), as the channel's own "when" says it; without `at`: "op woensdag 9 december om 18:00"."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    word = day_word(moment, at) if at is not None else "on"
    return said_when(MOMENTS[word], moment, language)


def said_when(text: Text, moment: datetime, language: str) -> str:
    """`text` with the moment's {time} and, when it names one, its {date}."""
    template = text.get(language)
    date = format_date(moment, language) if "{date}" in template else ""
    return template.format(time=format_time(moment, language), date=date)


def format_time(moment: datetime, language: str) -> str:
    """As people write it: "18h00" in French; midnight as a word where "0h00" or "00:00" reads oddly."""
    if moment.hour == moment.minute == 0 and language in MIDNIGHT:
        return MIDNIGHT[language]
    # Not f"{moment:%H:%M}": strftime costs more than the whole rest of the text.
    return f"{moment.hour}h{moment.minute:02d}" if language == "fr" else f"{moment.hour:02d}:{moment.minute:02d}"


def format_date(moment: datetime, language: str) -> str:
    return f"{WEEKDAYS[language][moment.weekday()]} {moment.day} {MONTHS[language][moment.month - 1]}"


def what_to_expect(service: ServiceEntry, language: str) -> str:
    """What happens there, and whether a helper may contact them about someone else.

    Only the directory's facts: a fact it does not know (None) is left out.
    """
    language = choose_language(language)
    return join_sentences(
        what_happens(service, language),
        reason_text(Reason("third-party"), language) if service.accepts_third_party else "",
    )


def what_happens(service: ServiceEntry, language: str) -> str:
    """The curated text plus free and anonymous when the directory knows them to be true."""
    cost = {(True, True): "free-anonymous", (True, False): "free", (False, True): "anonymous"}.get(
        (service.free is True, service.anonymous is True)
    )
    expected = read_marked(service.what_to_expect, language)
    # Said once: many curated texts already say "gratis en anoniem" in their own words.
    if cost and mentions(expected, COST_WORDS[language]):
        cost = None
    return join_sentences(expected, reason_text(Reason(cost), language) if cost else "")


class SharedTexts(Protocol):
    """Where texts made from the directory alone are kept for the answers of one minute
    (directory.reads.SharedParts): by a kind of text, a language and a value of the snapshot, never
    by anything a person answered."""

    def get[T](self, kind: str, language: str, value: object, make: Callable[[], T]) -> T: ...


class Unshared:
    """Every text made afresh, for a caller with no minute to share them in."""

    def get[T](self, kind: str, language: str, value: object, make: Callable[[], T]) -> T:
        return make()


UNSHARED = Unshared()


def shared_refer(suggestion: Suggestion, language: str, at: datetime, shared: SharedTexts) -> str:
    """`refer`, made once per channel and language in a minute: its openness is the minute's."""
    return shared.get("refer", language, suggestion.channel.channel, lambda: refer(suggestion, language, at))


def compose(ranking: Ranking, answers: Answers, language: str, at: datetime, shared: SharedTexts = UNSHARED) -> str:
    """The warm-referral message, addressed to the young person, ready to copy or send; the parts
    about one line (`refer`, `what_happens`) taken from `shared` when made there before."""
    language = choose_language(language)
    primary = ranking.suggestions[0] if ranking.suggestions else ranking.fallback
    # Said plainly when none of the suggested lines speaks the reader's language (Dutch is the
    # directory's own language, so a Dutch reader never needs it).
    nobody_speaks = language != "nl" and not any(
        language in suggestion.service.languages for suggestion in (*ranking.suggestions, ranking.fallback)
    )
    service = primary.service
    referral = join_sentences(
        shared_refer(primary, language, at, shared),
        where_else(primary, answers.region, language),
        shared.get("what_happens", language, service, lambda: what_happens(service, language)),
    )
    if nobody_speaks:
        referral = f"{NO_LINE_IN_LANGUAGE.get(language)} {referral}"
    paragraphs = [
        acknowledge(answers.topics, answers.for_whom, language),
        # The young person reads this: whether helpers may call about someone else is not for them.
        referral,
    ]
    if not is_same_line(primary, ranking.fallback):
        fallback = shared_refer(ranking.fallback, language, at, shared)
        paragraphs.append(join_sentences(FALLBACK_INTRO.get(language), fallback))
    named = {primary.service.slug, ranking.fallback.service.slug}
    if "self-harm" in answers.topics and "suicidal-thoughts" not in answers.topics and not named & SUICIDE_LINES:
        paragraphs.append(SUICIDE_LINE_IF.get(language))
    # In danger now, 112 comes before anything else, with "not alone"; otherwise it closes the practical part.
    if answers.danger_now:
        paragraphs.insert(0, f"{DANGER.get(language)} {NOT_ALONE.get(language)}")
    else:
        paragraphs.append(DANGER.get(language))
    paragraphs.append(CLOSINGS[answers.for_whom].get(language))
    return "\n\n".join(paragraphs)


# -- The short message: for a DM, with the open channel's link and closing time --------------------

# Each short text keeps the checklist's phrase (acknowledgement, hope, invitation) in fewer words.
# Its weight comes from the topic, as in the long message: "echt zwaar" only for the HEAVY_TOPICS.
SHORT_ACKNOWLEDGEMENTS: dict[str, Text] = {
    "someone_else": Text(
        "Goed dat je het me vertelt.",
        "C'est bien que tu m'en parles.",
        "It's good that you told me.",
    ),
    "self": Text(
        "Goed dat je hulp zoekt.",
        "C'est bien que tu cherches de l'aide.",
        "It's good that you're looking for help.",
    ),
}
SHORT_HEAVY_ACKNOWLEDGEMENT = Text(
    "Het klinkt alsof het nu echt zwaar is.",
    "On dirait que c'est vraiment dur en ce moment.",
    "It sounds like things are really hard right now.",
)
SHORT_FALLBACK_INTRO = Text("Lukt dat niet?", "Ça ne passe pas ?", "Can't get through?")
SHORT_CLOSINGS: dict[str, Text] = {
    "someone_else": Text(
        "Je hoeft dit niet alleen te dragen. Laat je me weten hoe het ging?",
        "Tu n'as pas à porter ça en solitaire. Tu me diras comment ça s'est passé ?",
        "You don't have to carry this alone. Will you let me know how it went?",
    ),
    "self": Text(
        "Die stap zetten is sterk. Praat er ook over met iemand die je vertrouwt.",
        "Faire ce pas, c'est courageux. Parles-en aussi à quelqu'un en qui tu as confiance.",
        "Taking this step takes strength. Talk about it with someone you trust too.",
    ),
}


def compose_short(
    ranking: Ranking, answers: Answers, language: str, at: datetime, shared: SharedTexts = UNSHARED
) -> str:
    """The message in few words, for a DM: the first suggestion's channel (its number or link) and
    when it closes, the 24/7 line, 112, a hopeful closing. Same checklist as `compose` (and the same
    `shared` parts); what happens there and the other channels stay in the long message and the cards."""
    language = choose_language(language)
    primary = ranking.suggestions[0] if ranking.suggestions else ranking.fallback
    heavy = answers.for_whom == "someone_else" and not set(answers.topics).isdisjoint(HEAVY_TOPICS)
    acknowledgement = SHORT_HEAVY_ACKNOWLEDGEMENT if heavy else SHORT_ACKNOWLEDGEMENTS[answers.for_whom]
    referral = [acknowledgement.get(language), shared_refer(primary, language, at, shared)]
    if not is_same_line(primary, ranking.fallback):
        referral += [SHORT_FALLBACK_INTRO.get(language), shared_refer(ranking.fallback, language, at, shared)]
    # The acknowledgement's paragraph never names 112: the checklist reads a 112 paragraph as the danger line.
    paragraphs = [" ".join(referral)]
    paragraphs.insert(0 if answers.danger_now else 1, DANGER.get(language))
    paragraphs.append(SHORT_CLOSINGS[answers.for_whom].get(language))
    return "\n\n".join(paragraphs)


# -- Moderated peer support ------------------------------------------------------------------------

MODERATORS: dict[str, Text] = {
    "professionals": Text(
        "Gemodereerd door professionals", "Modéré par des professionnels", "Moderated by professionals"
    ),
    "trained-volunteers": Text(
        "Gemodereerd door opgeleide vrijwilligers", "Modéré par des bénévoles formés", "Moderated by trained volunteers"
    ),
    "young-people": Text(
        "Gemodereerd door jongeren zelf", "Modéré par des jeunes eux-mêmes", "Moderated by young people themselves"
    ),
}
AGES = Text("Leeftijd{ages}", "Âge{ages}", "Ages{ages}")


def peer_support_facts(service: ServiceEntry, language: str) -> str:
    """Who moderates and for which ages, as far as the directory knows: an unknown fact is left out."""
    language = choose_language(language)
    moderators = MODERATORS.get(service.moderated_by)
    bounds = (service.minimum_age is not None, service.maximum_age is not None)
    ages = (AGE_READINGS if service.age_is_reading else AGE_RANGES).get(bounds)
    age_text = ""
    if ages is not None:
        values = {"minimum": service.minimum_age, "maximum": service.maximum_age}
        age_text = AGES.get(language).format(ages=ages.get(language).format_map(values))
    return join_sentences(moderators.get(language) if moderators else "", age_text)


def acknowledge(topics: Iterable[str], for_whom: str, language: str) -> str:
    """The opening for who writes, then the sentence of the heaviest asked topic."""
    asked = set(topics)
    topic = next((slug for slug in TOPIC_ACKNOWLEDGEMENTS if slug in asked), "other")
    opening = OPENINGS[for_whom].get(language)
    if for_whom == "someone_else" and topic in HEAVY_TOPICS:
        opening = f"{opening} {WORRIED.get(language)}"
    return f"{opening} {TOPIC_ACKNOWLEDGEMENTS[topic].get(language)}"


def refer(suggestion: Suggestion, language: str, at: datetime) -> str:
    channel = suggestion.channel.channel
    value, written_in = channel.shown_value(language)
    details = [CHANNEL_DETAILS.get(language).format(kind=label_channel_kind(channel.kind, language), value=value)]
    spoken = spoken_language(suggestion.service.languages, language)
    if spoken and spoken != language:
        details.append(IN_LANGUAGE[spoken].get(language))
    elif written_in and written_in != language:  # the place is not written in the reader's language yet
        details.append(IN_LANGUAGE[written_in].get(language))
    reach = REACH.get(language).format(
        to_name=to_name(suggestion.service.name_in_sentence(language), language), details=", ".join(details)
    )
    return join_sentences(reach, describe_openness(suggestion.channel, language, at))


FRENCH_CONTRACTIONS = (("le ", "au "), ("les ", "aux "), ("la ", "à la "), ("l'", "à l'"), ("l\u2019", "à l\u2019"))


# Articles that start a name in a sentence ("le Centre Antipoisons", "the CHS Helpline"); a card's title has none.
ARTICLES = {"fr": ("le ", "la ", "les ", "l'", "l\u2019"), "en": ("the ", "a ", "an ")}


def card_name(service: ServiceEntry, language: str) -> str:
    """The name on a card: the reader's own name for the service when the directory has one (without
    its article: "Centre de Prise en charge des Violences Sexuelles", not "Zorgcentrum na Seksueel
    Geweld", for a French reader); else the official name."""
    own = getattr(service.sentence_name, language, "") if service.sentence_name and language in ARTICLES else ""
    if not own:
        return service.name
    article = next((article for article in ARTICLES[language] if own.lower().startswith(article)), "")
    return capitalise(own[len(article) :])


def to_name(name: str, language: str) -> str:
    """The name after "à" in French, contracted as French writes it ("à" + "le Centre" = "au Centre");
    a name without an article ("Awel", "Télé-Accueil") takes "à". Other languages: the name."""
    if language != "fr":
        return name
    return next(
        (contracted + name[len(article) :] for article, contracted in FRENCH_CONTRACTIONS if name.startswith(article)),
        f"à {name}",
    )


def where_else(suggestion: Suggestion, region: str, language: str) -> str:
    """For a place among places in several provinces: that it is in the asked one, or that there are
    others; "" for anything else."""
    place = suggestion.channel.channel.region
    if not place or not any(other.channel.region not in ("", place) for other in suggestion.other_channels):
        return ""
    if place == region:
        return IN_ASKED_REGION.get(language).format(region=label_region(region, language))
    return ALSO_ELSEWHERE.get(language)


def language_note(service: ServiceEntry, language: str) -> str:
    """ "en néerlandais" for a line that will not answer in the reader's language; "" when it does."""
    spoken = spoken_language(service.languages, language)
    return IN_LANGUAGE[spoken].get(language) if spoken and spoken != language else ""


def is_same_line(first: Suggestion, second: Suggestion) -> bool:
    return (first.service.slug, first.channel.channel.value) == (second.service.slug, second.channel.channel.value)


def lower_first(name: str) -> str:
    """A topic name mid-sentence: "Zelfverwonding" becomes "zelfverwonding", "LGBTQ+" stays."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def join_sentences(*texts: str) -> str:
    """Running text from short texts, each ending in a full stop; empty texts are left out."""
    return " ".join(text if text.endswith((".", "!", "?")) else f"{text}." for text in texts if text)


def helper_guidance(language: str, lines: Sequence[Suggestion] = ()) -> tuple[str, ...]:
    """For whoever helps someone else: what they may, can and need not do; and where they can ask
    advice themself, naming exactly `lines` (the answer's for_helper.services, with their hours)."""
    language = choose_language(language)
    advice = [text.get(language) for text in HELPER_GUIDANCE]
    # A line listed only because the helper is young (Awel) is named for young helpers only.
    young = [line for line in lines if any(reason.code == "young-helpers" for reason in line.reasons)]
    anyone = [line for line in lines if line not in young]
    said = [
        # As the cards below name them.
        text.get(language).format(names=join_names([card_name(line.service, language) for line in named], language))
        for text, named in ((ASK_ADVICE_YOURSELF, anyone), (ASK_ADVICE_IF_YOUNG, young))
        if named
    ]
    advice[4:4] = said
    return tuple(advice)


def join_names(names: Sequence[str], language: str) -> str:
    """ "A", "A en B", "A, B en C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {AND.get(language)} {names[-1]}"


def emergency_text(language: str, for_whom: str = "someone_else") -> str:
    """What to do and say when someone is in danger now: to the person themself, or to a bystander."""
    return (EMERGENCY_SELF if for_whom == "self" else EMERGENCY).get(choose_language(language))


def check_message(
    text: str,
    language: str,
    channel_value: str | None = None,
    fallback_values: Sequence[str] | None = None,
) -> list[str]:
    """The checklist points a message fails, in checklist order; empty when it passes.

    `channel_value` is the number or address of the service the message names; without it the
    caller checks that itself. `fallback_values` are the numbers accepted as the 24/7 fallback;
    by default 1813, 106 and the day-and-night lines in the message's language.
    """
    language = choose_language(language)
    if fallback_values is None:
        fallback_values = (*TWENTY_FOUR_SEVEN_NUMBERS, *TWENTY_FOUR_SEVEN_IN_LANGUAGE.get(language, ()))
    paragraphs = [paragraph for paragraph in text.split("\n\n") if paragraph.strip()]
    # A danger line may come first (danger now); the acknowledgement then opens what follows.
    opening = next((p for p in paragraphs if not mentions(p, (EMERGENCY_NUMBER,))), "")
    closing = paragraphs[-1] if paragraphs else ""
    failures = {
        "acknowledgement": not mentions(opening, ACKNOWLEDGEMENT_PHRASES[language]),
        "method": mentions(re.sub(SERVICE_NAMES_NOT_METHODS, "", text, flags=re.IGNORECASE), METHOD_WORDS[language]),
        "judgement": mentions(text, JUDGEMENT_PHRASES[language]),
        "service-channel": channel_value is not None and channel_value not in text,
        "fallback": not mentions(text, fallback_values),
        "emergency": not mentions(text, (EMERGENCY_NUMBER,)),
        "secrecy": mentions(text, SECRECY_PHRASES[language]),
        "promise": mentions(text, PROMISE_PHRASES[language]),
        "hopeful-ending": not (
            mentions(closing, HOPE_PHRASES[language]) and mentions(closing, INVITATION_PHRASES[language])
        ),
    }
    return [point for point, failed in failures.items() if failed]


def mentions(text: str, phrases: Iterable[str]) -> bool:
    """Whether any phrase occurs as whole words, ignoring case and the kind of apostrophe."""
    phrases = tuple(phrases)
    return bool(phrases) and whole_words(phrases).search(text.replace("\u2019", "'")) is not None


@lru_cache(maxsize=256)
def whole_words(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for all the phrases, so a text is searched once rather than once per phrase."""
    alternatives = "|".join(re.escape(phrase) for phrase in phrases)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
