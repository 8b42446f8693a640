/**
 * One test per attribution rule (docs/attribution.md), with names, verbs and outlets
 * that are not those of the real-world set.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { SIEVES } from "../src/extract/attribution.js";
import { QuoteVia } from "../src/record.js";
import { articleWith, extractText, speakerOf } from "./helpers/extract.js";

const en = (...paras: string[]) => extractText(["Fleets meet in the Pacific for talks", "By Ann Lee", "Published March 2, 2024", ...paras].join("\n"), "en.txt");
const viaOf = (r: ReturnType<typeof extractText>, fragment: string) => r.quotes.find((q) => q.text.includes(fragment))?.via;

test("every sieve is a value of the record's Quote.via", () => {
  for (const s of SIEVES) assert.ok(QuoteVia.options.includes(s.via), s.via);
  assert.equal(new Set(SIEVES.map((s) => s.via)).size, SIEVES.length);
});

test("each quotation records its rule and a confidence; unattributed ones say so", () => {
  const r = articleWith("05/09/2024", "« Nous restons vigilants », a déclaré Mark Rutte à Bruxelles lors d'un point de presse.", "Une « amitié sans limite » est affichée depuis des années par les deux capitales voisines.");
  const q = r.quotes.find((x) => x.text.startsWith("Nous restons"))!;
  assert.equal(q.via, "cue-after");
  assert.ok(q.confidence! >= 0.9);
  const u = r.quotes.find((x) => x.text === "amitié sans limite")!;
  assert.equal(u.speakerId, null);
  assert.equal(u.via, "none");
  assert.equal(u.confidence, 0);
});

test("a capital after a preposition is a place, not the speaker", () => {
  const r = articleWith(
    "11/07/2024",
    "Les dirigeants de l'Otan, réunis à Washington, ont dénoncé le soutien de Pékin à Moscou.",
    "« Cette coopération nous inquiète profondément », ont-ils affirmé dans leur déclaration finale.",
  );
  assert.equal(speakerOf(r, "nous inquiète"), "Otan", "'ils' stands for the group subject, 'les dirigeants de l'Otan'");
  assert.equal(viaOf(r, "nous inquiète"), "pronoun");
});

test("'ils' with no group before it leaves the quotation unattributed rather than give it to one person", () => {
  const r = articleWith("11/07/2024", "Vladimir Poutine a reçu des diplomates étrangers au Kremlin mardi.", "« Nous voulons la paix », ont-ils assuré à la sortie.");
  assert.equal(speakerOf(r, "Nous voulons la paix"), null);
});

test("a shortened description resolves to the person named with the full role", () => {
  const r = articleWith(
    "20/04/2023",
    "Le ministre chinois de la Défense Li Shangfu est arrivé à Moscou dimanche pour une visite de trois jours.",
    "Il s'agit de son premier voyage depuis sa nomination. Le ministre chinois a salué des liens « plus solides que jamais » entre les deux armées.",
  );
  assert.equal(speakerOf(r, "plus solides que jamais"), "Li Shangfu");
});

test("a description resolves to the holder the text names further on (first pass over the article)", () => {
  const r = articleWith(
    "",
    "Le ministre chinois de la Défense a souhaité « une coopération plus étroite » lors d'un appel avec Moscou.",
    "Dong Jun s'est entretenu pendant une heure avec son interlocuteur russe, selon la télévision publique.",
  );
  assert.equal(speakerOf(r, "une coopération plus étroite"), "Dong Jun");
});

test("a pronoun after indirect speech stands for the person reported as speaking", () => {
  const r = en(
    "The drills pose no threat to Japan, Pentagon Press Secretary Sabrina Singh said.",
    "\"We are watching closely and we remain in contact with our allies in the region,\" she said.",
  );
  assert.equal(speakerOf(r, "watching closely"), "Sabrina Singh");
});

test("a singular pronoun never stands for a capital or for an organization quoted earlier", () => {
  const r = articleWith(
    "11/07/2024",
    "« L'Alliance restera unie face à ces menaces », a indiqué l'Otan dans un communiqué publié mercredi soir.",
    "La Chine a dénoncé ce texte, selon un communiqué d'un porte-parole de sa mission diplomatique à Bruxelles.",
    "« Ces accusations sont sans fondement », a-t-il souligné.",
  );
  assert.equal(speakerOf(r, "sans fondement"), null);
});

test("'le ministère', 'the ministry', 'the statement', 'it': the organization the article named", () => {
  const r = articleWith(
    "02/08/2024",
    "Des navires japonais suivront les manœuvres, a annoncé le ministère japonais de la Défense mardi.",
    "« Nos bâtiments resteront dans les eaux internationales pendant toute la durée », a précisé le ministère.",
  );
  assert.equal(speakerOf(r, "Nos bâtiments resteront"), "ministère japonais de la Défense");
  const e = en(
    "Two Russian bombers flew over the Sea of Japan for seven hours, the Russian Defence Ministry said on Monday.",
    "\"The flight was carried out in strict accordance with international rules,\" the statement said.",
    "\"At no point was the airspace of other states violated,\" it added.",
  );
  assert.equal(speakerOf(e, "strict accordance"), "Russian Defence Ministry");
  assert.equal(speakerOf(e, "At no point"), "Russian Defence Ministry");
});

test("a capital opening the sentence is the subject of its verb", () => {
  const r = articleWith("15/07/2024", "Séoul a aussitôt mis en garde ses voisins contre « toute escalade dans la région ».");
  assert.equal(speakerOf(r, "toute escalade"), "Séoul");
});

test("the reporting verb governing a que-clause speaks, not a verb inside the clause", () => {
  const r = articleWith("10/05/2023", "Maria Zakharova a de son côté déclaré jeudi que la position de Pékin relevait d'une « vision commune du monde multipolaire ».");
  assert.equal(speakerOf(r, "vision commune"), "Maria Zakharova");
  const r2 = articleWith("10/05/2023", "Il ajoute que ses collègues doutent. Or, le politologue Pavel Orlov estime qu'une « rupture entre les deux capitales est impossible à court terme. »");
  assert.equal(speakerOf(r2, "rupture entre"), "Pavel Orlov", "a verb with its own named subject is not governed");
});

test("next sentence: « … ». C'est ce qu'a affirmé X", () => {
  const r = articleWith("03/03/2024", "Une « erreur de lecture grave » des relations entre les deux pays. C'est ce qu'a dénoncé mardi le porte-parole du Kremlin, Dmitri Peskov, devant la presse.");
  assert.equal(speakerOf(r, "erreur de lecture"), "Dmitri Peskov");
  assert.equal(viaOf(r, "erreur de lecture"), "next-sentence");
});

test("an intertitle or a headline repeating a quotation takes its speaker", () => {
  const r = extractText(
    "Moscou et Pékin, une « amitié de fer » selon la presse\nPar Paul Roux, publié le 04/04/2024\nLe ministre russe de la Défense est arrivé à Pékin lundi pour des entretiens.\n« Une base solide pour l'avenir »\nAndreï Belooussov a salué « une base solide pour l'avenir de nos deux armées » lors de la cérémonie.",
  );
  assert.equal(speakerOf(r, "Une base solide pour l'avenir"), "Andreï Belooussov");
  assert.equal(viaOf(r, "Une base solide pour l'avenir"), "headline-echo");
});

test("a description the lexicon does not know, between the verb and the name", () => {
  const r = articleWith("03/03/2024", "« Les deux pays se méfient encore l'un de l'autre », souligne le sinologue russe Vassili Kachine.");
  assert.equal(speakerOf(r, "se méfient encore"), "Vassili Kachine");
});

test("a definite description the text does not name labels the speaker; an indefinite one leaves it unknown", () => {
  const r = articleWith(
    "08/06/2024",
    "Jeudi, le porte-parole de la marine indienne s'est exprimé : « Nos navires resteront au large pendant toute la durée des manœuvres ».",
    "« Les patrouilles reprendront la semaine prochaine », a affirmé un porte-parole des garde-côtes.",
  );
  assert.equal(speakerOf(r, "Nos navires resteront"), "porte-parole de la marine indienne");
  assert.equal(r.speakers.find((s) => s.name === "porte-parole de la marine indienne")?.via, "text");
  assert.equal(speakerOf(r, "Les patrouilles reprendront"), null, "'un porte-parole' names nobody");
});

test("a speech verb in a subordinate clause after the quotation is someone else's", () => {
  const r = articleWith("09/07/2024", "Pyongyang a rejeté les « calomnies grossières » de Séoul, après que le président sud-coréen l'a accusé de préparer une provocation.");
  assert.equal(speakerOf(r, "calomnies grossières"), null);
});

test("interview in question/answer form: each answer turn is one quotation of the interviewee", () => {
  const r = extractText(
    [
      "Entretien : la Chine et l'Europe",
      "Par Paul Roux, publié le 12/05/2024",
      "Professeure à Sciences Po, Claire Duval a publié un livre sur la diplomatie chinoise.",
      "Le Figaro : Pékin peut-il encore jouer les médiateurs entre Moscou et Kiev ?",
      "Claire Duval : Pékin veut surtout apparaître comme une puissance responsable aux yeux du Sud global.",
      "Cela ne l'engage à rien de concret sur le terrain, et ses partenaires le savent bien.",
      "Le Figaro : Et l'Europe dans tout cela ?",
      "Claire Duval : Elle reste le premier client de la Chine et le sait.",
    ].join("\n"),
  );
  const a = r.quotes.find((q) => q.text.startsWith("Pékin veut surtout"))!;
  assert.equal(speakerOf(r, "Pékin veut surtout"), "Claire Duval");
  assert.equal(a.via, "interview-answer");
  assert.ok(a.text.includes("\n\nCela ne l'engage à rien"), "the answer goes on over the next paragraph");
  assert.equal(speakerOf(r, "premier client"), "Claire Duval");
  assert.ok(!r.quotes.some((q) => q.text.includes("médiateurs")), "questions are not quotations");
});

test("interview with dashes: the interviewee is the one the article says it interviewed", () => {
  const r = extractText(
    [
      "Kazakhstan et Russie : l'entretien",
      "Par Paul Roux, publié le 12/05/2024",
      "Dans une interview accordée à notre rédaction, Moukhtar Tileouberdi a évoqué les relations avec Moscou.",
      "– Monsieur le Ministre, comment qualifiez-vous les relations avec la Russie ?",
      "– Elles sont excellentes et reposent sur un voisinage de plusieurs siècles.",
    ].join("\n"),
  );
  assert.equal(speakerOf(r, "Elles sont excellentes"), "Moukhtar Tileouberdi");
});

test("an article that only mentions a talk ('lors d'un entretien avec') is no interview", () => {
  const r = articleWith(
    "12/05/2024",
    "Lors d'un entretien avec son homologue, Wang Yi a évoqué la situation. Faut-il s'en inquiéter ?",
    "Les analystes restent partagés sur la portée de ces échanges diplomatiques.",
  );
  assert.equal(r.quotes.length, 0);
});

test("'selon un communiqué du ministère' after the quotation does not override 'X a déclaré que « … »'", () => {
  const r = articleWith(
    "12/07/2024",
    "De son côté, Mevlüt Çavuşoğlu a déclaré que les deux pays avaient « encore beaucoup de projets communs » selon un communiqué du ministère russe des Affaires étrangères.",
  );
  assert.equal(speakerOf(r, "beaucoup de projets"), "Mevlüt Çavuşoğlu");
});

test("'selon les mots de X', 'selon des propos rapportés par…'", () => {
  const r = articleWith(
    "28/06/2021",
    "La Chine reste un « partenaire fiable », selon les mots du président kazakh, Kassym-Jomart Tokaïev.",
    "Le ministre turc Hakan Fidan a affiché mardi sa « volonté d'avancer », selon des propos rapportés par les agences.",
  );
  assert.equal(speakerOf(r, "partenaire fiable"), "Kassym-Jomart Tokaïev");
  assert.equal(speakerOf(r, "volonté d'avancer"), "Hakan Fidan");
});

test("a relative clause and a second predicate do not change the subject", () => {
  const r = articleWith(
    "18/04/2023",
    "Le ministre indien de la Défense, Rajnath Singh, qui a reçu mardi son homologue australien, a de son côté appelé à des liens « plus étroits encore ».",
    "Narendra Modi reçoit Anthony Albanese et salue une relation « sans précédent ».",
  );
  assert.equal(speakerOf(r, "plus étroits encore"), "Rajnath Singh");
  assert.equal(speakerOf(r, "sans précédent"), "Narendra Modi");
});

test("English: an apposition between the name and the verb after the quotation", () => {
  const r = en("\"We are watching these flights with great concern,\" Kihara, Japan's defence minister at the time, told a news conference.");
  assert.equal(speakerOf(r, "great concern"), "Minoru Kihara");
});

test("a bare quotation after 'Selon X, …' continues X, not the speaker quoted before", () => {
  const r = articleWith(
    "05/09/2024",
    "« Nous naviguerons où bon nous semble », a souligné Piotr Orlov. Selon Anna Belova, chercheuse à l'Imemo, l'exercice reste modeste. « Il n'y a là rien de nouveau sous le soleil. »",
  );
  assert.equal(speakerOf(r, "rien de nouveau"), "Anna Belova");
});

test("extract --explain prints each quotation's span, speaker, rule, confidence and reason", async () => {
  const { execFileSync } = await import("node:child_process");
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const path = await import("node:path");
  const dir = mkdtempSync(path.join(tmpdir(), "revue-explain-"));
  const file = path.join(dir, "a.txt");
  writeFileSync(file, "Un titre d'article assez long pour être un titre\nPar Paul Roux, publié le 05/09/2024\n« Nous restons vigilants », a déclaré Mark Rutte à Bruxelles.\nUne « amitié sans limite » est affichée depuis des années par les deux voisins.");
  const out = execFileSync(process.execPath, ["--import", "tsx", "src/cli/extract.ts", "--explain", file], { encoding: "utf8" });
  assert.match(out, /« Nous restons vigilants »\n\s+→ Mark Rutte\s+via cue-after, confidence 0\.95\n\s+"a déclaré" → Mark Rutte/);
  assert.match(out, /« amitié sans limite »\n\s+→ non attribuée\s+via none/);
});

/** `extract --explain` run on `args` (names in a new folder holding `files`), its output. */
async function explainIn(files: Record<string, string>, args: string[]): Promise<string> {
  const { execFileSync } = await import("node:child_process");
  const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const path = await import("node:path");
  const dir = mkdtempSync(path.join(tmpdir(), "revue-explain-"));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return execFileSync(process.execPath, ["--import", "tsx", "src/cli/extract.ts", "--explain", ...args.map((a) => path.join(dir, a))], { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("extract --explain reads a seed as the build does (its sidecar applied) and goes on past a file it cannot read", async () => {
  const out = await explainIn(
    {
      "a.txt": "Un titre d'article assez long pour être un titre\nPar Paul Roux\n« Nous restons vigilants », a déclaré Mark Rutte à Bruxelles.",
      "a.meta.yaml": "date: 2024-09-06\n",
    },
    ["absent.txt", "a.txt"],
  );
  assert.match(out, /absent\.txt: not a file/);
  assert.match(out, /a\.txt: 1 quotation\(s\), date 2024-09-06 \(manual/);
  assert.match(out, /sidecar: .*a\.meta\.yaml \(sets date\)/);
  assert.match(out, /→ Mark Rutte\s+via cue-after/);
});

test("extract --explain shows the traces of a large seed too (one the build would extract in its guard's worker)", async () => {
  const words = "la commission a examiné le rapport annuel sur les transports publics et les budgets régionaux".split(" ");
  const filler = Array.from({ length: 900 }, (_, p) => Array.from({ length: 60 }, (_, w) => words[(p * 7 + w * 3) % words.length]).join(" ") + ".");
  const text = ["Un titre d'article assez long pour être un titre", "Par Paul Roux", "« Nous restons vigilants », a déclaré Mark Rutte à Bruxelles.", ...filler].join("\n\n");
  assert.ok(Buffer.byteLength(text) > 300 * 1024, "past the guard's threshold (src/corpus.ts GUARD_BYTES)");
  const out = await explainIn({ "long.txt": text }, ["long.txt"]);
  assert.match(out, /long\.txt: 1 quotation\(s\)/);
  assert.match(out, /→ Mark Rutte\s+via cue-after/);
});

test("'un porte-parole du ministère X': the ministry speaks through its spokesperson", () => {
  const r = articleWith("24/07/2019", "Interrogé mercredi, un porte-parole du ministère japonais de la Défense a précisé que les avions étaient restés « dans l'espace aérien international ».");
  assert.equal(speakerOf(r, "espace aérien international"), "ministère japonais de la Défense");
});

test("'rappelle le chercheur' right after quoting an analyst the registry does not know", () => {
  const r = articleWith(
    "05/09/2024",
    "« Les deux armées apprennent l'une de l'autre », explique Mathieu Durand, chercheur à l'Ifri.",
    "« Les échanges restent pourtant limités », rappelle le chercheur de l'Ifri.",
  );
  assert.equal(speakerOf(r, "échanges restent"), "Mathieu Durand");
});

test("a headline with the subject glued to the quoted words", () => {
  const r = extractText("Le ministre russe de la Défense « confiant » avant les manœuvres\nPar Paul Roux, publié le 02/09/2024\nLes manœuvres commencent lundi en mer du Japon.");
  assert.equal(speakerOf(r, "confiant"), "Andreï Belooussov");
  assert.equal(r.quotes[0].via, "headline-subject");
});

test("English: '\"…,\" the statement reads'", () => {
  const r = en("The Chinese Defence Ministry announced the patrol on Tuesday.", "\"The patrol follows the annual plan and targets no third country,\" the statement reads.");
  assert.equal(speakerOf(r, "annual plan"), "Chinese Defence Ministry");
});

test("'a déclaré le fonctionnaire': the unnamed source described before", () => {
  const r = articleWith(
    "25/05/2022",
    "Selon le responsable britannique, l'exercice était prévu depuis des mois.",
    "« Cela montre une coordination étroite entre les deux armées », a déclaré le fonctionnaire à la presse.",
  );
  assert.equal(speakerOf(r, "coordination étroite"), "responsable britannique");
  const none = articleWith("25/05/2022", "« Cela montre une coordination étroite entre les deux armées », a déclaré le fonctionnaire à la presse.");
  assert.equal(speakerOf(none, "coordination étroite"), null, "no source described before: unknown");
});

test("each sentence-level sieve names itself in via", () => {
  const r = articleWith(
    "14/03/2024",
    "Selon Josep Borrell, l'Europe doit « rester unie face aux pressions ».",
    "Pour Rafael Grossi, « la sûreté nucléaire n'est pas négociable ».",
    "Annalena Baerbock a estimé que Berlin devait « parler d'une seule voix » sur ce dossier sensible.",
    "Kaja Kallas à Tallinn : « Nous ne céderons rien aux menaces ».",
    "« Nous resterons vigilants », a prévenu Antonio Guterres. « La paix passe par le dialogue. »",
    "« Le dialogue doit reprendre sans conditions préalables. »",
    "Les deux pays veulent « une désescalade rapide » d'ici l'été, selon Mohammed ben Salmane.",
  );
  const via = (f: string) => r.quotes.find((q) => q.text.includes(f))?.via;
  assert.equal(via("rester unie"), "selon");
  assert.equal(via("sûreté nucléaire"), "pour");
  assert.equal(via("parler d'une seule voix"), "cue-before");
  assert.equal(via("Nous ne céderons rien"), "lead-colon");
  assert.equal(via("Nous resterons vigilants"), "cue-after");
  assert.equal(via("La paix passe"), "continuation");
  assert.equal(via("Le dialogue doit reprendre"), "paragraph-continuation");
  assert.equal(speakerOf(r, "Le dialogue doit reprendre"), "Antonio Guterres");
  assert.equal(via("désescalade rapide"), "source-in-sentence", "'…» d'ici l'été, selon X': the source later in the sentence");
  assert.equal(speakerOf(r, "désescalade rapide"), "Mohammed ben Salmane");
});

test("a pronoun after the quotation stands for the previous sentence's subject, not the last speaker nor the latest name", () => {
  const r = articleWith(
    "03/03/2024",
    "« Rien ne changera à court terme », a déclaré Jean Dubois, ancien diplomate.",
    "Le colonel Pierre Martin est arrivé mardi à Pékin avec une délégation. « Les deux armées apprennent beaucoup l'une de l'autre », a-t-il souligné.",
    "Marie Dupont a longuement parlé avec Claire Lenoir, sa collègue. « Il faut attendre les prochains mois pour en juger », a-t-elle affirmé.",
  );
  assert.equal(speakerOf(r, "Les deux armées"), "Pierre Martin");
  assert.equal(viaOf(r, "Les deux armées"), "pronoun");
  assert.equal(speakerOf(r, "Il faut attendre"), "Marie Dupont");
});
