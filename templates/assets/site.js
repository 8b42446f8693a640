// Revue: small improvements for browsers with JavaScript. Everything works without it.
// - home: the outlet/speaker chips filter the timeline in place (without JS they are links to pre-rendered pages);
// - search page: Pagefind, loaded from this site only.

const base = new URL("../", import.meta.url); // the site root, whatever PATH_PREFIX is

function setupFilters() {
  const chips = Array.from(document.querySelectorAll(".chip[data-filter]"));
  const status = document.querySelector(".filter-status");
  if (!chips.length || !status) return;
  let active = null;

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
    status.append(`${shown} événement${shown > 1 ? "s" : ""} sur cette page pour ${active.chip.textContent}. `);
    const all = document.createElement("a");
    all.href = active.chip.href;
    all.textContent = "Tout voir sur sa page";
    const reset = document.createElement("button");
    reset.type = "button";
    reset.textContent = "Retirer le filtre";
    reset.addEventListener("click", () => {
      active = null;
      apply();
    });
    status.append(all, " · ", reset);
  }

  for (const chip of chips) {
    chip.setAttribute("role", "button");
    chip.setAttribute("aria-pressed", "false");
    chip.addEventListener("click", (e) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey) return; // let "open in new tab" work
      e.preventDefault();
      active = active && active.chip === chip ? null : { chip, kind: chip.dataset.filter, value: chip.dataset.value };
      apply();
    });
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

async function setupSearch() {
  const form = document.querySelector("form[data-search]");
  const list = document.querySelector("[data-search-results]");
  const status = document.querySelector(".search-status");
  if (!form || !list || !status) return;
  const input = form.querySelector("input[name=q]");
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
  const PAGE = 20;
  const more = document.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.textContent = "Plus de résultats";
  more.hidden = true;
  list.after(more);
  let seq = 0;
  let pending = [];
  async function show(mine) {
    const batch = pending.slice(0, PAGE);
    pending = pending.slice(PAGE);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (mine !== seq) return;
    more.hidden = pending.length === 0;
    for (const d of data) {
      const li = document.createElement("li");
      const h = document.createElement("h2");
      const a = document.createElement("a");
      a.href = d.url;
      a.textContent = (d.meta && d.meta.title) || d.url;
      h.append(a);
      const p = document.createElement("p");
      appendExcerpt(p, d.excerpt || "");
      li.append(h, p);
      list.append(li);
    }
  }
  more.addEventListener("click", () => show(seq));
  async function run(query) {
    const mine = ++seq;
    list.replaceChildren();
    more.hidden = true;
    if (!query.trim()) {
      status.textContent = "";
      return;
    }
    status.textContent = "Recherche…";
    try {
      const pf = await load();
      const search = await pf.search(query);
      if (mine !== seq) return;
      pending = search.results;
      status.textContent = pending.length
        ? `${pending.length} article${pending.length > 1 ? "s" : ""} pour « ${query} »`
        : `Aucun article pour « ${query} »`;
      await show(mine);
    } catch (err) {
      status.textContent = "La recherche n'a pas pu être chargée.";
      console.error(err);
    }
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = input.value;
    history.replaceState(null, "", `?q=${encodeURIComponent(q)}`);
    run(q);
  });
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 250);
  });
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
}

setupFilters();
setupSearch();
