// Revue: small improvements for browsers with JavaScript. Everything works without it.
// - home: the outlet/speaker chips filter the timeline in place (without JS they are links to pre-rendered
//   pages), the filter kept in the address (?media=ID, ?personne=ID);
// - search page: Pagefind, loaded from this site only, with filters (média, personne, année, événement) and
//   a sort by date, all kept in the address.

const base = new URL("../", import.meta.url); // the site root, whatever PATH_PREFIX is

function setupFilters() {
  const chips = Array.from(document.querySelectorAll(".chip[data-filter]"));
  const status = document.querySelector(".filter-status");
  if (!chips.length || !status) return;
  let active = null;

  // the filter lives in the address (?media=ID or ?personne=ID), so a filtered home can be shared
  function syncUrl() {
    const url = new URL(location.href);
    for (const chip of chips) url.searchParams.delete(chip.dataset.param);
    if (active) url.searchParams.set(active.chip.dataset.param, active.value);
    history.replaceState(null, "", url.pathname + url.search + url.hash);
  }

  function apply() {
    const events = document.querySelectorAll(".timeline .event");
    let shown = 0;
    for (const ev of events) {
      const keys = active ? (ev.dataset[active.kind] || "").split(" ") : [];
      const visible = !active || keys.includes(active.value);
      ev.hidden = !visible;
      if (visible) shown++;
    }
    for (const group of document.querySelectorAll(".timeline .month, .timeline .year")) {
      group.hidden = !group.querySelector(".event:not([hidden])");
    }
    for (const chip of chips) {
      chip.setAttribute("aria-pressed", String(!!active && chip === active.chip));
    }
    status.replaceChildren();
    if (!active) {
      status.hidden = true;
      return;
    }
    status.hidden = false;
    status.append(`${shown} événement${shown > 1 ? "s" : ""} sur cette page pour ${active.name}. `);
    const all = document.createElement("a");
    all.href = active.chip.href;
    all.textContent = "Tout voir sur sa page";
    const reset = document.createElement("button");
    reset.type = "button";
    reset.textContent = "Retirer le filtre";
    reset.addEventListener("click", () => {
      active = null;
      apply();
      syncUrl();
    });
    status.append(all, " · ", reset);
  }

  const select = (chip) => ({ chip, kind: chip.dataset.filter, value: chip.dataset.value, name: chip.firstChild ? chip.firstChild.textContent.trim() : chip.textContent });
  for (const chip of chips) {
    chip.setAttribute("role", "button");
    chip.setAttribute("aria-pressed", "false");
    chip.addEventListener("click", (e) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey) return; // let "open in new tab" work
      e.preventDefault();
      active = active && active.chip === chip ? null : select(chip);
      apply();
      syncUrl();
    });
  }
  const params = new URLSearchParams(location.search);
  const fromUrl = chips.find((c) => params.get(c.dataset.param) === c.dataset.value);
  if (fromUrl) {
    active = select(fromUrl);
    const details = fromUrl.closest("details");
    if (details) details.open = true;
    apply();
  }
}

/** Copy Pagefind's excerpt (text with <mark>) into `target` without ever parsing it as live HTML. */
function appendExcerpt(target, html) {
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  for (const node of doc.body.firstChild.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) target.append(node.textContent);
    else if (node.nodeName === "MARK") {
      const m = document.createElement("mark");
      m.textContent = node.textContent;
      target.append(m);
    } else target.append(node.textContent || "");
  }
}

/** "manœuvres" → "manoeuvres": the index holds ligature words spelled both ways (src/site/model.ts searchTermsOf). */
function foldLigatures(q) {
  return q.replace(/œ/g, "oe").replace(/Œ/g, "OE").replace(/æ/g, "ae").replace(/Æ/g, "AE");
}

/**
 * A search filter is a word indexed with each article (src/site/model.ts searchFilterToken:
 * "xmedia_boursorama"), added to the query: Pagefind's own filter index is not byte-stable.
 * These words never show in an excerpt.
 */
const FILTER_WORD = /\bx(?:media|personne|annee|evenement)_\S*/g;

async function setupSearch() {
  const form = document.querySelector("form[data-search]");
  const list = document.querySelector("[data-search-results]");
  const status = document.querySelector(".search-status");
  if (!form || !list || !status) return;
  const input = form.querySelector("input[name=q]");
  const refine = form.querySelector(".search-refine");
  const options = form.querySelector(".search-options");
  const sortSelect = form.querySelector("select[name=tri]");
  let pagefind = null;
  async function load() {
    if (!pagefind) {
      pagefind = await import(new URL("pagefind/pagefind.js", base).href);
      await pagefind.options({ baseUrl: base.pathname });
      await pagefind.init();
      // large corpora are indexed in several shards (pagefind-2/, …): merge them in
      const shards = await fetch(new URL("pagefind/shards.json", base)).then((r) => (r.ok ? r.json() : []), () => []);
      for (const sub of shards) await pagefind.mergeIndex(new URL(sub, base).href, { baseUrl: base.pathname });
    }
    return pagefind;
  }
  const selects = options ? Array.from(options.querySelectorAll("select[data-filter]")) : [];
  for (const sel of selects) sel.addEventListener("change", () => submit());
  if (refine) refine.hidden = false;
  const filterWords = () => selects.filter((sel) => sel.value).map((sel) => `x${sel.name}_${sel.value}`);
  const PAGE = 20;
  const more = document.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.textContent = "Plus de résultats";
  more.hidden = true;
  list.after(more);
  let seq = 0;
  let pending = [];
  let textQuery = "";
  async function show(mine) {
    const batch = pending.slice(0, PAGE);
    pending = pending.slice(PAGE);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (mine !== seq) return;
    more.hidden = pending.length === 0;
    for (const d of data) {
      const meta = d.meta || {};
      const li = document.createElement("li");
      const h = document.createElement("h2");
      const a = document.createElement("a");
      a.href = d.url;
      a.textContent = meta.title || d.url;
      h.append(a);
      // who published it, when, who speaks in it: from the article page's data-pagefind-meta
      const line = document.createElement("p");
      line.className = "result-meta";
      if (meta.outlet) {
        const o = document.createElement("span");
        o.className = "outlet";
        o.textContent = meta.outlet;
        line.append(o);
      }
      const parts = [meta.dateLabel || "date inconnue", meta.speakers ? `cite ${meta.speakers}` : ""].filter(Boolean);
      line.append(`${meta.outlet ? " · " : ""}${parts.join(" · ")}`);
      const p = document.createElement("p");
      // a search by filters alone matches no words of the text: the article's summary stands in
      if (textQuery) appendExcerpt(p, (d.excerpt || "").replace(FILTER_WORD, ""));
      else p.textContent = meta.summary || "";
      li.append(h, line, p);
      list.append(li);
    }
  }
  more.addEventListener("click", () => show(seq));
  async function run(query) {
    const mine = ++seq;
    list.replaceChildren();
    more.hidden = true;
    const words = filterWords();
    textQuery = query.trim();
    if (!textQuery && !words.length) {
      status.textContent = "";
      return;
    }
    status.textContent = "Recherche…";
    try {
      const pf = await load();
      const sort = sortSelect && sortSelect.value ? { date: sortSelect.value } : undefined;
      const search = await pf.search([foldLigatures(textQuery), ...words].filter(Boolean).join(" "), { sort });
      if (mine !== seq) return;
      pending = search.results;
      const count = pending.length;
      await show(mine);
      if (mine !== seq) return;
      // said once the results are on the page (the status is a live region)
      const what = textQuery ? ` pour « ${textQuery} »` : "";
      const by = selects.filter((sel) => sel.value).map((sel) => sel.selectedOptions[0].textContent.replace(/\s*\(\d[\d\s\u00a0]*\)$/, ""));
      status.textContent = `${count ? `${count} article${count > 1 ? "s" : ""}` : "Aucun article"}${what}${by.length ? ` (${by.join(", ")})` : ""}`;
    } catch (err) {
      status.textContent = "La recherche n’a pas pu être chargée.";
      console.error(err);
    }
  }
  // the query, filters and sort live in the address: a search can be shared
  function submit() {
    const url = new URL(location.href);
    url.search = "";
    if (input.value) url.searchParams.set("q", input.value);
    for (const sel of selects) if (sel.value) url.searchParams.set(sel.name, sel.value);
    if (sortSelect && sortSelect.value) url.searchParams.set("tri", sortSelect.value);
    history.replaceState(null, "", url.pathname + url.search);
    run(input.value);
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    submit();
  });
  if (sortSelect) sortSelect.addEventListener("change", () => submit());
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => submit(), 250);
  });
  const initial = new URLSearchParams(location.search);
  if (sortSelect) sortSelect.value = ["asc", "desc"].includes(initial.get("tri")) ? initial.get("tri") : "";
  input.value = initial.get("q") || "";
  for (const sel of selects) {
    const v = initial.get(sel.name);
    if (v && Array.from(sel.options).some((o) => o.value === v)) sel.value = v;
  }
  // unfolded on a wide screen, or when the address sets a filter or an order
  if (refine && (matchMedia("(min-width: 40rem)").matches || filterWords().length || (sortSelect && sortSelect.value))) refine.open = true;
  if (input.value || filterWords().length) run(input.value);
}

setupFilters();
setupSearch();
