/**
 * Every word list and pattern the extractor relies on, in one place, each with the
 * reason it exists. Patterns are anchored and free of nested quantifiers so that
 * adversarial input cannot make them backtrack catastrophically.
 */

// ---------------------------------------------------------------------------
// Page furniture (plain text copied from a page)

/**
 * A line that ends the article: what follows is comments, teasers, newsletter
 * boxes, share bars, tag lists or the footer. Matched against a trimmed line.
 */
export const END_OF_ARTICLE: RegExp[] = [
  /^\d+\s+(commentaires?|réactions?|comments?)$/i, // "3 commentaires"
  /^(commentaires?|réactions?|comments?)(\s*\(\d+\))?\s*:?$/i,
  /^(réagir|réagissez|laisser un commentaire|ajouter un commentaire|signaler (le|un) commentaire|leave a comment)(?![\p{L}\p{N}])/iu,
  /^(suivez-nous|retrouvez-nous|follow us|sign up (for|to)|subscribe to (our|the))(?![\p{L}\p{N}])/iu, // social and newsletter boxes after the text
  /^(à|a) lire (aussi|également|encore)\s*:?$/i, // "A lire aussi" heading of a teaser list
  /^(lire|voir) (aussi|également|plus)\s*:?$/i,
  /^(sur le même (sujet|thème)|dans la même rubrique|articles? (similaires?|liés?|recommandés?)|vous (aimerez|pourriez aimer) aussi|à découvrir (aussi|également)|nos (dernières )?vidéos|les plus (lus|partagés|populaires)|pages les plus populaires|les articles les plus lus|dernières (infos|nouvelles|actualités)|plus d'actualités|toute l'actualité)(?![\p{L}\p{N}])/iu,
  /^(similar news|related (news|articles|stories)|read more|more (from|on|stories)|you may also like|most read|recommended)(?![\p{L}\p{N}])/iu,
  /^((additional )?reporting|writing|editing|compiled) by\b|^our standards:/i, // wire credits at the foot of English copy
  /^(tags?|mots[- ]clés|thèmes?|sujets?)\s*:/i,
  /^(tags?|mots[- ]clés|topics|related topics)$/i, // a tag list under its label, one tag a line
  /^partager (cet article|l'article|sur)(?![\p{L}\p{N}])/iu,
  /^(newsletter|lettre d'information|abonnez-vous|inscrivez-vous|recevez (notre|nos|la) newsletter|s'abonner à la newsletter)(?![\p{L}\p{N}])/iu,
  /^(©|\(c\)\s|copyright\b)/i, // copyright line of the footer
  /^(tous droits réservés|all rights reserved)(?![\p{L}\p{N}])/iu,
  /^(tribune à la une|à la une|en continu|dernières minutes?)$/i, // section headers of teaser blocks
  /^(cet article vous a (été utile|plu)|vous avez aimé cet article|votre avis nous intéresse|notez cet article|signaler une erreur|une erreur dans l'article)/iu,
  /^(la rédaction vous (conseille|recommande)|nos lecteurs ont lu|ailleurs sur le web|contenus? (sponsorisés?|partenaires?)|lire la suite sur le même thème|sur le même thème|dans l'actualité|voir les \d+ commentaires|les commentaires sont fermés|connectez-vous pour commenter)/iu,
];

/** A long line that opens with a teaser-list label and a colon: "Similar News:Vous pouvez également lire…". */
export const END_LABEL_WITH_TEXT = /^(similar news|related (news|articles|stories)|read more|(à|a) lire (aussi|également)|lire aussi|voir aussi|sur le même sujet|articles? similaires?)\s*:/i;

/** A line that is page furniture wherever it appears (skipped, never body). */
export const FURNITURE_LINE: RegExp[] = [
  /^(publicité|pub|annonce|advertisement|sponsorisé|contenu sponsorisé|partenaire)$/i,
  /^(partager|imprimer|envoyer|e-?mail|facebook|twitter|x|linkedin|whatsapp|telegram|rss|copier le lien|share|print|tweet)$/i,
  /(copier\/coller le lien|copy to clipboard|lien copié|close button|partager cet article)/i,
  /^(aller au contenu|passer au contenu|skip to (main )?content|aller à la navigation)(?![\p{L}\p{N}])/iu,
  /(activer|désactiver) le contraste/i,
  /^(fermer|menu|rechercher|recherche|se connecter|connexion|mon compte|s'abonner|abonné|scroll to top|retour en haut|haut de page|close|search|log ?in|sign in|subscribe)$/i,
  /^(lire la suite|voir plus|en savoir plus|read more|continuer la lecture)\s*[»›→>]*$/i,
  /^écouter (cet |l['’])article(?![\p{L}\p{N}])/iu,
  /^(temps de lecture|lecture)\s*:?\s*\d+\s*min/i,
  /^\d+\s*min(utes?)? de lecture$/i,
  /^(abonnez-vous|déjà abonné|réservé aux abonnés|article réservé aux abonnés)(?![\p{L}\p{N}])/iu,
  // an inline teaser glued to its label: "À lire aussi : …", "Lire aussi | …", "À lire aussiLa Russie…"
  /^(à |a )?(lire|voir) (aussi|également|encore)\s*[:|»>–-]?\s*\S/iu,
  /^(offrir l['’]article|ajouter à vos sélections|lire plus tard|réutiliser ce contenu|contribuer|suivre|écouter|imprimer l['’]article|envoyer par e-?mail|commenter|sauvegarder|s'abonner|journal)$/iu,
  /^\d+\s*(mn|min|minutes?)( de lecture)?\.?$/iu, // reading time
  /^\d{1,2}:\d{2}\s*\/\s*\d{1,2}:\d{2}$/, // audio player "00:00/02:17"
  /^(vidéo|video|en images|photos?|diaporama|podcast|direct)$/iu,
  // an ad break inside the text: "La suite après cette publicité", "Story continues below advertisement"
  /^(la suite après (cette|la) publicité|publicité[ ,:–-]+(la suite|votre contenu continue)|(story|article) continues below( this)? (advertisement|ad)|advertisement[ ,:–-]+scroll to continue)/iu,
  /^(aller|accéder) à la vid[eé]o$|^(watch|play) (the )?video$/iu, // video teaser buttons
  /^(source\s*:\s*)?https?:\/\/\S+$/i, // a bare web address inside the text (the page's own is read at the top or bottom)
  /^[^|]{1,30}(\s\|\s[^|]{1,30}){3,}$/u, // a navigation bar: "Accueil | Chine | Monde | Économie"
  // an inline teaser in English copy: "Read more: …", "Related: …", "See also | …" (bare "Read more" ends the article)
  /^(read more|related|see also|also read|read also|more on this( story)?)\s*[:|»>–-]\s*\S/iu,
  /^(share this (article|story|page)|share on (facebook|twitter|x|whatsapp|linkedin)|listen to (this|the) article|click here|cliquez ici)(?![\p{L}\p{N}])/iu,
  /^\d+\s*min(ute)?s? read$/i, // reading time
  // cookie and consent buttons
  /^(accepter|tout accepter|refuser|tout refuser|continuer sans accepter|paramétrer( les cookies)?|personnaliser|j'accepte|accept( all)?( cookies)?|reject all|manage (cookies|preferences|options)|cookie settings|agree|i agree)$/iu,
];

/** An editor's note on a reposted text, closing its line: "… (note de Jeanne Martin, traduction de Paul)", "(NDLR)". */
export const EDITOR_NOTE = /\((note|ndlr|n\.d\.l\.r\.?|traduction|translated)\b[^()]{0,80}\)\.?$/iu;

/** A cookie or consent notice, however long its line: "Nous utilisons des cookies pour…", "This website uses cookies…". */
export const COOKIE_NOTICE = /\b(nous utilisons des (cookies|traceurs)|ce site (web )?utilise des (cookies|traceurs)|we use cookies|this (web)?site uses cookies|en poursuivant votre navigation|by continuing to (browse|use)|vos choix (de|en matière de) cookies|consentement (aux|des) cookies)\b/i;

/** A video duration alone on a line ("01:14"): a list of video teasers starts when two come close together. */
export const VIDEO_DURATION = /^\d{1,2}:\d{2}$/;

/** An emoji (not ©, ® or ™, which Unicode also counts as pictographs): page furniture (reactions, share buttons) or a blogger's aside, not news copy. */
export const EMOJI = /(?![\u00a9\u00ae\u2122])\p{Extended_Pictographic}/u;

/** A summary snippet ending with its date and site, as search results and link previews print it: "…, a déclaré... 12.03.2024, Sputnik Afrique". */
export const SNIPPET_DATELINE = /(\.\.\.|…)\s*\d{1,2}[./]\d{1,2}[./]\d{4},\s*[\p{L}][\p{L} '’.-]{1,40}$/u;

/**
 * A photo credit on its own line, printed with "©" like a copyright line but naming a
 * photographer and an agency: "© Gao Fei/Xinhua via AP", "© Sputnik / Sergey Bobylev". A caption,
 * not the end of the article (the footer's "© 2024 Le Journal" has no slash or "via").
 */
export const PHOTO_CREDIT_LINE = /^©\s*[^©]{0,80}(\/|\bvia\s)/iu;

/** A bullet item of a menu: "• Contact". */
export const BULLET = /^[•·▪◦\-–*]\s+/;

const NEEDS_SLASH = new Set<RegExp>();
/** A credit that cannot match without a "/" (the slash is not optional in it). */
const slashCredit = (re: RegExp): RegExp => (NEEDS_SLASH.add(re), re);

/** A photo credit at the end of a caption: "( AFP / Philippe LOPEZ )", "ALEXEI DRUZHININ/AFP", "© Reuters". */
export const CAPTION_CREDIT: RegExp[] = [
  slashCredit(/\(\s*[\p{Lu}][\p{L}.\- ]{0,40}\/[^()]{1,60}\)\s*$/u), // ( AFP / Name ), ( POOL / Name )
  /\btous droits réservés\b.{0,60}$/i, // Euronews: "… Tous droits réservés ALEXEI DRUZHININ/AFP"
  /(^|[\s(])(©|crédit(s)? photo|photo\s*:|crédit\s*:|credit\s*:|illustration\s*:|image\s*:)\s*\S/i, // also "(Photo : Li Ming)"
  // "Name Surname/Xinhua via AP", "Sergey Bobylev/Pool via Reuters": a photographer and an agency
  slashCredit(/\b\p{Lu}[\p{L}.-]+(\s\p{Lu}[\p{L}.-]+){0,3}\s?\/\s?(Xinhua|Reuters|AFP|AP|EPA|Sputnik|Pool|Getty Images|TASS|Anadolu|Kyodo|Yonhap)(\s+via\s+\p{L}+)?\s*$/u),
  // "… Xi Jinping. File photo.", "… (photo d'archives)": an archive picture's caption
  /\b(file photo|photo d['’]archives?|image d['’]archives?)\)?\.?$/i,
  /\b([Pp]hoto|[Cc]rédit|[Cc]redit)s?\s+(AFP|Reuters|AP|EPA|Getty Images|Sipa|Xinhua|TASS|Sputnik|Anadolu|Maxppp)\)?\.?$/u, // "… Photo AFP", "(Photo Reuters)"
  /^(image source|image caption|légende|legende|photo)\s*[,:]\s*\S/i, // "Image source, Getty Images" (BBC)
  slashCredit(/\b[\p{Lu}]{2,}(\s[\p{Lu}]{2,}){0,3}\s?\/\s?(VIA\s+)?(AFP|REUTERS|AP|EPA|SPUTNIK|POOL|GETTY|ANADOLU|XINHUA|TASS|RIA NOVOSTI|SIPA|MAXPPP)\s*$/u),
  // a credit after the caption's date: "… le 14 octobre 2024. via REUTERS - Ministry"
  /\d{4}\.?\s+([|/–-]\s*)?(via\s+)?(AFP|REUTERS|Reuters|AP|EPA|SPUTNIK|Sputnik|XINHUA|TASS|ANADOLU|GETTY IMAGES|Getty Images|SIPA|POOL)\b/u,
];
/** The credits of CAPTION_CREDIT that need a "/": a caption line without one is not tested against them. */
export const CAPTION_CREDIT_NEEDS_SLASH: ReadonlySet<RegExp> = NEEDS_SLASH;

/** "Par X", "By X", "Texte par : X"; but "Par ailleurs", "par exemple", "By contrast" open sentences, not bylines. */
const BYLINE_START = String.raw`^(texte |propos recueillis |un article |reportage )?(par|by)\s*:?\s+(?!(ailleurs|exemple|contre|conséquent|consequent|la suite|rapport|moments|endroits|définition|ricochet|ici|là|principe|avance|contraste|comparaison|contrast|comparison|then|the way|now|far|default|chance|and large)(?![\p{L}\p{N}]))`;

/**
 * A byline or dateline: where outlet, authors and the publication date are printed.
 * The first one found before the body anchors the title (the headline stands just above it).
 */
export const BYLINE: RegExp[] = [
  new RegExp(String.raw`${BYLINE_START}[\p{L}]`, "iu"), // "Par euronews avec AFP", "Texte par : RFI"
  /^\(?(avec|with|sources?\s*:) ?(l['’])?(AFP|Reuters|AP|Belga|ATS|DPA|ANSA|EFE|Xinhua|TASS|Ria Novosti|Interfax|Bloomberg)\)?\.?$/iu, // trailing "Avec AFP", "Source : AFP"
  /^[\p{L}\d'’ .-]{2,40} (avec|et) (l['’])?(AFP|Reuters|AP|Belga|ATS|DPA|Xinhua)(?![\p{L}\p{N}])/u, // "Le Monde avec AFP", "Ouest-France avec AFP. Publié le …"
  /\binformation fournie par\s+\S/i, // Boursorama
  /^(publié|mis à jour|modifié|actualisé|posted|updated|published|dernière mise à jour|last (updated|modified))(?![\p{L}\p{N}])/iu,
  /^(le\s+)?\d{1,2}[./-]\d{1,2}[./-]\d{4}\b.{0,40}\bpar\s+\S/i, // "30.12.2022 par Etienne Dhuit"
  /^(mise? à jour|modifiée?|publiée?)\s+(le\s+)?:?\s*\d/iu, // "Mise à jour 08.11.2023 à 15:35 par TV5MONDE"
  /^\d{1,2}:\d{2}\s+\d{1,2}[./]\d{1,2}[./]\d{4}/, // "15:20 08.11.2023 (mis à jour: …)"
  /^\d{1,2}[./-]\d{1,2}[./-]\d{4}(\s*(à|-|,)?\s*\d{1,2}[h:]\d{2})?$/i, // a bare date(time) line
  /^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+\d{1,2}(er)?\s+\p{L}+\s+\d{4}(\s*(à|-|,)?\s*\d{1,2}\s*[h:]\s*\d{2})?$/iu,
];

/** Prefix that marks a line as a byline even when long (several authors, agencies). */
export const BYLINE_PREFIX = new RegExp(BYLINE_START, "iu");

// ---------------------------------------------------------------------------
// Dates

export const MONTHS: Record<string, number> = {
  janvier: 1, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, aout: 8, septembre: 9, octobre: 10, novembre: 11, decembre: 12,
  janv: 1, fevr: 2, fev: 2, avr: 4, juil: 7, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9,
};

/** Weekday name → ISO day number (1 = Monday … 7 = Sunday). */
export const WEEKDAYS: Record<string, number> = {
  lundi: 1, mardi: 2, mercredi: 3, jeudi: 4, vendredi: 5, samedi: 6, dimanche: 7,
  monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7,
};

// ---------------------------------------------------------------------------
// Reporting structures (who says what)

/** -er speech verbs (stem without "-er"): every useful form is generated from the stem. */
const ER_VERBS = [
  "déclar", "affirm", "soulign", "ajout", "estim", "indiqu", "assur", "expliqu", "précis", "insist", "avanc",
  "annonc", "appel", "félicit", "dénonc", "lanc", "répét", "martel", "jug", "considér", "not", "confi",
  "déplor", "regrett", "accus", "plaid", "demand", "exhort", "réclam", "comment", "tweet", "proclam", "qualifi",
  "observ", "relev", "ironis", "lâch", "gliss", "racont", "témoign", "confirm", "parl", "évoqu", "vant", "salu",
  "lou", "critiqu", "condamn", "réaffirm", "argument", "menac", "exig", "invit", "prôn", "souhait", "insist",
  "rappel", "résum", "nuanc", "fustig", "alert", "interrog",
  "répliqu", "rétorqu", "concéd", "ajout", "détaill", "clam", "scand", "écri", "assen", "signal", "précis", "conclu",
  "recommand", "exprim", "encourag", "inquiét", "remerci", "réclam", "prédi", "assur",
  "reproch", // "C'est ce que reproche le Kremlin à X": a reproach is said
];
/** Irregular speech verbs, all forms listed. */
const IRREGULAR_FORMS = [
  "dit", "dite", "dits", "dites", "dire", "disant", "disait", "disaient", "dira", "dirait", "dis", "disent", "déclare",
  "écrit", "écrite", "écrivant", "écrivait", "écrire",
  "poursuivi", "poursuit", "poursuivant", "poursuivait", "poursuivre",
  "répondu", "répond", "répondant", "répondait", "répondre",
  "prévenu", "prévient", "prévenant", "prévenait", "prévenir",
  "reconnu", "reconnaît", "reconnait", "reconnaissant", "reconnaissait", "reconnaître",
  "admis", "admet", "admettant", "admettait", "admettre",
  "promis", "promet", "promettant", "promettait", "promettre",
  "conclu", "conclut", "concluant", "concluait", "conclure",
  "réjoui", "réjouie", "réjouit", "réjouissant", "réjouissait", "réjouir",
  "averti", "avertit", "avertissant", "avertissait", "avertir",
  "soutenu", "soutient", "soutenant", "soutenait",
  "redit", "répété", "maintenu", "maintient",
  "estimé", "estime", "tranché", "tranche-t-il",
];
/** Endings of -er verbs: participles, present, imperfect, future, conditional, infinitive. */
const ER_ENDINGS = ["é", "ée", "és", "ées", "e", "es", "ent", "ait", "aient", "ant", "er", "era", "erait", "eraient", "a", "èrent"];

function buildSpeechVerbs(): Set<string> {
  const set = new Set<string>(IRREGULAR_FORMS);
  for (const stem of ER_VERBS) {
    if (stem.includes(" ")) continue;
    for (const e of ER_ENDINGS) set.add(stem + e);
    // stems ending in c/g take ç/ge before a/o ("annonçant", "jugeant")
    if (stem.endsWith("c")) for (const e of ["ant", "ait", "aient", "a"]) set.add(stem.slice(0, -1) + "ç" + e);
    if (stem.endsWith("g")) for (const e of ["ant", "ait", "aient", "a"]) set.add(stem + "e" + e);
  }
  // accent shift in the present ("répète", "précède"): add the few common ones
  for (const f of ["répète", "répètent", "inquiète", "considère", "considèrent", "rappelle", "rappellent", "appelle", "appellent", "jette", "concède", "proclame"]) set.add(f);
  // forms that are far more often something else
  for (const f of ["note", "notes", "notent", "lance", "lancer", "salue", "pari", "paris", "parie", "signale", "avance", "avancer", "confie", "lancé", "lancée", "parler", "parlé", "dite", "dites", "dis", "observe", "relève", "releve", "souhaite", "souhaitent"]) set.delete(f);
  // …but keep the past participles used with "a"/"s'est" that those removals took out
  for (const f of ["lancé", "parlé", "avancé", "noté", "salué", "observé", "relevé", "souhaité", "signalé", "confié", "parler"]) set.add(f);
  return set;
}

/** Forms of French speech verbs ("déclaré", "souligne", "affirmant", "dit"…), compared after fold(). */
export const SPEECH_VERBS: ReadonlySet<string> = new Set([...buildSpeechVerbs()].map((v) => v.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()));

/**
 * Verbs that report speech only when they follow a quotation ("« … », lance le ministre"):
 * elsewhere they usually mean something else ("lance une offensive", "note que").
 */
export const SPEECH_VERBS_AFTER_QUOTE: ReadonlySet<string> = new Set(
  [
    "lance", "lancé", "note", "noté", "observe", "relève", "glisse", "confie", "avance", "signale", "tranche", "résume", "ironise",
    "insurge", "insurgé", "agace", "étonne", "étonné", "amuse", "amusé", "inquiète", "félicite", "renchérit", "renchéri", "tonne",
    "tonné", "souffle", "soufflé", "assène", "asséné", "décrit", "poursuit", "répond", "rétorque", "réplique", "conclut", "admet",
    "reconnaît", "prévient", "martèle", "lâche", "explique", "précise", "insiste", "commente", "raconte", "détaille", "souligne",
  ].map((v) => v.normalize("NFKD").replace(/[\u0300-\u036f]/g, "")),
);

/** English reporting verbs. */
export const SPEECH_VERBS_EN: ReadonlySet<string> = new Set([
  "said", "says", "say", "told", "tells", "tell", "added", "adds", "stated", "states", "stressed", "stresses", "warned", "warns",
  "noted", "notes", "declared", "declares", "explained", "explains", "insisted", "insists", "argued", "argues", "wrote", "writes",
  "urged", "urges", "called", "calls", "asked", "asks", "announced", "announces", "claimed", "claims", "replied", "replies",
  "remarked", "commented", "praised", "praises", "hailed", "hails", "vowed", "vows", "pledged", "pledges", "described", "describes",
  "reads", // '"…," the statement reads
  "saying", "adding", "telling", "noting", "warning", "stressing", "calling", "urging", "describing", "accused", "accuses",
  "emphasized", "emphasised", "underlined", "acknowledged", "acknowledges", "confirmed", "confirms", "denied", "denies", "reiterated",
]);


/** Words that may stand between an auxiliary and its participle ("a d'abord déclaré", "a, lui, estimé"). */
export const VERB_FILLERS = new Set([
  "d'abord", "ensuite", "egalement", "aussi", "encore", "en", "outre", "d'ailleurs", "deja", "alors", "lui", "elle", "meme",
  "pour", "sa", "part", "de", "son", "cote", "enfin", "toutefois", "cependant", "neanmoins", "notamment", "aussitot", "plus", "tard",
  "tot", "recemment", "publiquement", "clairement", "fermement", "ainsi", "bien", "donc", "pourtant", "vivement", "simplement",
  "par", "ailleurs", "au", "passage", "une", "nouvelle", "fois", "the", "also", "has", "had", "have", "was", "later", "then", "further",
]);

/** Auxiliaries and reflexives before a participle. */
export const AUXILIARIES = new Set(["a", "ont", "avait", "avaient", "aura", "aurait", "auraient", "s'est", "se", "sont", "s'etait", "s'etaient", "est", "etait", "s'", "has", "had", "have", "was", "were", "is"]);


/** Heads of role phrases: "le ministre chinois de la Défense", "la porte-parole du Kremlin". */
export const ROLE_HEADS = [
  "président", "présidente", "vice-président", "vice-présidente", "premier ministre", "première ministre", "ministre",
  "vice-ministre", "chef", "cheffe", "porte-parole", "secrétaire", "secrétaire général", "secrétaire générale", "directeur",
  "directrice", "ambassadeur", "ambassadrice", "général", "amiral", "commandant", "colonel", "maréchal", "dirigeant",
  "dirigeante", "chancelier", "chancelière", "sénateur", "sénatrice", "député", "députée", "conseiller", "conseillère",
  "analyste", "chercheur", "chercheuse", "expert", "experte", "professeur", "professeure", "patron", "patronne",
  "haut représentant", "diplomate", "responsable", "représentant", "représentante", "envoyé spécial", "émissaire",
  "leader", "numéro un", "maire", "gouverneur", "roi", "reine", "prince", "homologue", "spécialiste", "politologue",
  "historien", "historienne", "économiste", "maître", "locataire", "vice-premier ministre",
  "president", "minister", "spokesman", "spokeswoman", "spokesperson", "secretary", "foreign minister", "defence minister", "defense minister",
];

/** Nationality adjectives → country code (to resolve "son homologue russe"). */
export const NATIONALITIES: Record<string, string> = {
  russe: "RU", russes: "RU", chinois: "CN", chinoise: "CN", americain: "US", americaine: "US", ukrainien: "UA", ukrainienne: "UA",
  francais: "FR", francaise: "FR", "nord-coreen": "KP", "nord-coreenne": "KP", "sud-coreen": "KR", "sud-coreenne": "KR",
  indien: "IN", indienne: "IN", iranien: "IR", iranienne: "IR", bielorusse: "BY", turc: "TR", turque: "TR", allemand: "DE",
  allemande: "DE", britannique: "GB", japonais: "JP", japonaise: "JP", taiwanais: "TW", taiwanaise: "TW", kazakh: "KZ",
  russian: "RU", chinese: "CN", american: "US", ukrainian: "UA", french: "FR",
};

/** Civilities stripped from names ("M. Poutine"). */
export const CIVILITIES = /^(m\.|mm\.|mme|mmes|mlle|monsieur|madame|dr|pr|mr\.?|mrs\.?|ms\.?|le général|la générale|le maréchal|l'amiral|le colonel|général|amiral|maréchal|colonel)\s+/i;

/**
 * Capitalized words that are never (part of) a person's name: places, institutions,
 * calendar words, sentence-initial function words. Compared after fold().
 */
export const NOT_A_NAME = new Set([
  // function words that start sentences
  "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "ce", "cet", "cette", "ces", "dans", "selon", "pour", "mais", "et", "ou", "puis",
  "car", "lors", "depuis", "alors", "apres", "avant", "plus", "certes", "deja", "il", "elle", "ils", "elles", "nous", "vous", "on",
  "en", "a", "au", "aux", "sur", "sous", "par", "avec", "sans", "entre", "contre", "face", "malgre", "si", "quand", "comme", "son", "sa",
  "ses", "leur", "leurs", "notre", "nos", "votre", "vos", "mon", "ma", "mes", "tout", "tous", "toute", "toutes", "aucun", "chaque",
  "the", "a", "an", "in", "on", "at", "this", "that", "these", "those", "but", "and", "or", "he", "she", "they", "we", "it", "his", "her",
  "mercredi", "lundi", "mardi", "jeudi", "vendredi", "samedi", "dimanche",
  "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  // places and institutions frequent in this corpus
  "russie", "chine", "moscou", "pekin", "beijing", "moscow", "ukraine", "kiev", "kyiv", "occident", "asie", "europe", "afrique", "amerique",
  "etats-unis", "washington", "paris", "londres", "berlin", "bruxelles", "taiwan", "taipei", "japon", "inde", "iran", "coree", "nord",
  "sud", "est", "ouest", "pacifique", "atlantique", "mer", "ocean", "otan", "nato", "kremlin", "onu", "ue", "g7", "g20", "brics", "ocs",
  "maison", "blanche", "pentagone", "elysee", "etat", "etats", "gouvernement", "ministere", "armee", "armees", "commission", "conseil",
  "parti", "assemblee", "senat", "union", "europeenne", "republique", "populaire", "federation", "covid", "covid-19", "jeux", "olympiques",
  "president", "ministre", "general", "premier", "chef", "porte-parole", "secretaire", "m", "mme", "russian", "chinese", "president",
  "novo-ogaryovo", "kazan", "samarcande", "astana", "tianjin", "harbin", "shanghai", "crimee", "donbass", "syrie", "israel", "gaza",
  "france", "allemagne", "pologne", "turquie", "suede", "finlande", "azerbaidjan", "teheran", "bakou", "varsovie", "ankara", "helsinki",
  "stockholm", "minsk", "bielorussie", "kazakhstan", "ouzbekistan", "vladivostok", "sibérie", "siberie", "arctique", "media", "services",
]);

// ---------------------------------------------------------------------------
// Quotations and their speakers (spans.ts, people.ts, attribution.ts)

/** Heads of an analyst's description ("le chercheur de l'Iris", "the analyst"). */
export const ANALYST_HEADS = new Set(["chercheur", "chercheuse", "analyste", "expert", "experte", "specialiste", "sinologue", "politologue", "professeur", "professeure", "historien", "historienne", "economiste", "researcher", "analyst", "professor", "scholar"]);

/** Words that open a subordinate clause: a verb after them has its own subject. */
export const SUBORDINATORS = new Set(["que", "qu'", "lorsque", "quand", "puisque", "tandis", "alors", "since", "after", "while", "before", "because", "when", "whereas", "although"]);

/** Speech verbs whose infinitive does not end in -er/-ir ("dire", "écrire"), lower case unfolded: non-finite, the subject is the sentence's. */
export const SPEECH_INFINITIVES = new Set(["dire", "écrire", "conclure", "répondre", "reconnaître", "admettre", "promettre", "poursuivre", "redire"]);

/** Words that give a source ("selon X", "d'après X", "according to X"), folded: attribution.ts checks the "d'" and "to". */
export const SOURCE_WORDS = new Set(["selon", "apres", "according"]);

/** "selon des propos rapportés par les agences": words of the sentence's own subject. */
export const SPEECH_NOUNS = new Set(["propos", "mots", "termes", "paroles", "declarations", "remarks", "words"]);

/** Documents that speak for their author: "selon un communiqué du Kremlin", "selon les propos du ministre". */
export const DOCUMENT_NOUNS = new Set(["communique", "declaration", "statement", "transcription", "compte-rendu", "texte", "message", "porte-parole", "readout", ...SPEECH_NOUNS]);

/** "a fait valoir", "a fait savoir": the verbs after a form of "faire" that make a speech cue of several words. */
export const FAIRE_CUES = new Set(["valoir", "savoir", "remarquer", "observer"]);
/** The forms of "faire" before them (folded). */
export const FAIRE_FORMS = new Set(["fait", "faisant", "faire"]);
/** "a mis en garde", "mettant en garde": a speech cue of three words, read at its last word (GARDE) after "en" and a form of "mettre". */
export const GARDE = "garde";
export const METTRE_FORMS = new Set(["mis", "met", "mettant", "mettre"]);

/** Subject pronouns that may stand for a speaker. */
export const PRONOUNS = new Set(["il", "elle", "he", "she", "ils", "elles", "they", "it"]);

/** Civilities before a name, folded: "M. Dupont", "Mme Zakharova", "Dr. Li". */
export const CIVILITY_WORDS = new Set(["m.", "mme", "mlle", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."]);

/** Nouns that take up an unnamed source already described ("le fonctionnaire", "la personne", "the official"). */
export const ANONYMOUS_SOURCES = new Set(["fonctionnaire", "personne", "source", "officiel", "official", "officer"]);

/** Heads of a spokesperson's role. */
export const SPOKES_HEADS = new Set(["porte-parole", "spokesman", "spokeswoman", "spokesperson"]);

/** Documents that speak for the organization that issued them: "« … », précise le communiqué", '"…," the statement says'. */
export const DOCUMENT_SUBJECTS = new Set(["communique", "declaration", "texte", "document", "statement", "readout", "release"]);

/** Capitalized English titles that stand before a name ("Defense Minister", "Press Secretary", "Army Gen."). */
export const TITLE_WORDS = new Set([
  "spokesman", "spokeswoman", "spokesperson", "secretary", "minister", "president", "chairman", "chairwoman", "general", "gen", "admiral", "adm",
  "commander", "chief", "ambassador", "envoy", "senator", "colonel", "col", "director", "governor", "premier", "counselor", "adviser", "advisor",
]);

/** Prepositions after which a capital names a place, not a government speaking. */
export const PLACE_PREPOSITIONS = new Set(["a", "au", "aux", "en", "de", "d'", "du", "vers", "depuis", "entre", "avec", "contre", "sur", "dans", "pres", "in", "at", "to", "from", "with", "against", "between", "near"]);

/** Plural nouns for the members of an organization: "les dirigeants de l'Otan" speak for it. */
export const GROUP_NOUNS = new Set(["dirigeants", "membres", "allies", "chefs", "responsables", "representants", "diplomates", "leaders", "members", "officials", "representatives", "ministres", "ministers"]);

/** Nouns that name an exercise, an operation or a format: a quoted name beside them is not speech. */
export const EXERCISE_NOUNS = new Set([
  "exercice", "exercices", "manoeuvres", "manœuvres", "manoeuvre", "operation", "patrouille", "entrainement", "entrainements", "drill", "drills",
  "exercise", "exercises", "maneuvers", "games", "jeux", "format", "groupe", "forum", "initiative", "programme", "projet", "sommet", "summit",
]);

/** Words that introduce a name or a title: "baptisées « … »", "sous le nom de code « … »", "dubbed \"…\"". */
export const NAMING_WORDS = /(?:^|\s)(baptise|baptisee|baptises|baptisees|intitule|intitulee|intitules|intitulees|appele|appelee|appeles|appelees|surnomme|surnommee|surnommes|surnommees|denomme|denommee|nom|code|themed|dubbed|named|called|titled|entitled|codenamed|code-named|known as|connue? comme|connus comme|theme|slogan|mot d'ordre|devise)\s*(de|d'|est|:|as)?\s*$/;

/** Nouns of works: a quoted title beside them ("son texte « De la contradiction »") is not speech. */
export const WORK_NOUNS = /(?:^|\s)(texte|livre|ouvrage|essai|roman|film|article|editorial|poeme|chanson|rapport|doctrine|book|essay|novel|poem|song|report|paper|documentary|documentaire|emission|show)\b/;
