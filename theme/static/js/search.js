// Static search with Pagefind: the index is part of the site, so no words leave the browser.
// Without JavaScript the form stays hidden and the page points to the archives instead.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) { return; }
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var words = document.getElementById("search-words");
  var pagefind = null;
  var merged = (form.getAttribute("data-pagefind-merge") || "").split(" ").filter(Boolean);
  form.hidden = false;

  function text(tag, content, className) {
    var element = document.createElement(tag);
    element.textContent = content;
    if (className) { element.className = className; }
    return element;
  }

  // A large site's index is a Pagefind bundle per campaign (or part of one): the first is
  // loaded and the others merged into it, so one search covers them all and Pagefind ranks
  // the results as one list.
  async function load() {
    if (!pagefind) {
      var engine = await import(form.getAttribute("data-pagefind"));
      await engine.init();
      await Promise.all(merged.map(function (bundle) { return engine.mergeIndex(bundle); }));
      pagefind = engine;
    }
    return pagefind;
  }

  // Type and campaign are page metadata; results are filtered here, after loading them.
  function wanted(result, type, campaign) {
    return (!type || result.meta.type === type) && (!campaign || result.meta.campaign === campaign);
  }

  // Pagefind searches a shorter start of a word a bundle does not have ("beginners" finds
  // "be"); a single index of the whole site does so only when no page has the word. An exact
  // search (in quotes) never does: for each word that some page has exactly, the pages of the
  // bundles without it are dropped. Each page names its bundle (coproweek_search).
  async function exactIds(engine, query) {
    var terms = merged.length ? query.replace(/"/g, " ").split(/\s+/).filter(Boolean) : [];
    return Promise.all(terms.map(async function (term) {
      var search = await engine.search("\"" + term + "\"");
      return new Set(search.results.map(function (result) { return result.id; }));
    }));
  }

  function withoutFallbacks(idOf, loaded, exact) {
    var bundle = function (page) { return page.meta.bundle || ""; };
    return exact.reduce(function (kept, ids) {
      var having = new Set(kept.filter(function (page) { return ids.has(idOf.get(page)); }).map(bundle));
      return having.size === 0 ? kept : kept.filter(function (page) { return having.has(bundle(page)); });
    }, loaded);
  }

  async function run(query, type, campaign) {
    list.replaceChildren();
    status.textContent = "Searching...";
    var engine = await load();
    var search = await engine.search(query);
    var results = search.results.slice(0, 200);
    var loaded = await Promise.all(results.map(function (r) { return r.data(); }));
    var idOf = new Map(loaded.map(function (page, i) { return [page, results[i].id]; }));
    var exact = await exactIds(engine, query);
    var matching = withoutFallbacks(idOf, loaded, exact).filter(function (result) {
      return wanted(result, type, campaign);
    });
    var found = matching.slice(0, 20);
    found.forEach(function (result) {
      var item = document.createElement("li");
      var heading = document.createElement("h2");
      var link = text("a", result.meta.title || result.url);
      link.href = result.url;
      heading.appendChild(link);
      item.appendChild(heading);
      // The excerpt comes from our own pages; Pagefind marks matches with <mark>.
      var excerpt = document.createElement("p");
      excerpt.innerHTML = result.excerpt;
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    var count = matching.length;
    status.textContent = count === 0 ? "No posts match \u201c" + query + "\u201d." :
      (count === 1 ? "1 post matches." : count + " posts match.") + (count > 20 ? " Showing the first 20." : "");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new FormData(form);
    var query = String(data.get("q") || "").trim();
    if (!query) { return; }
    var params = new URLSearchParams(data);
    history.replaceState(null, "", "?" + params.toString());
    run(query, data.get("type"), data.get("campaign")).catch(function () {
      status.textContent = "The search could not be loaded. Please try the archive instead.";
    });
  });

  var start = new URLSearchParams(location.search);
  if (start.get("q")) {
    words.value = start.get("q");
    ["type", "campaign"].forEach(function (name) {
      var field = form.elements[name];
      if (field && start.get(name)) { field.value = start.get(name); }
    });
    form.requestSubmit();
  }
}());
