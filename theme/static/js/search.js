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
  // The page's words, in its language: the template writes them on the form.
  function say(name) { return form.getAttribute("data-" + name); }
  // Each search (and each change to the form) gets the next number; a search whose number
  // is no longer the latest shows nothing, so results never answer an older query.
  var latest = 0;
  form.hidden = false;

  function text(tag, content, className) {
    var element = document.createElement(tag);
    element.textContent = content;
    if (className) { element.className = className; }
    return element;
  }

  async function load() {
    if (!pagefind) {
      var engine = await import(form.getAttribute("data-pagefind"));
      await engine.init();
      pagefind = engine;
    }
    return pagefind;
  }

  // Type and campaign are page metadata; results are filtered here, after loading them.
  function wanted(result, type, campaign) {
    return (!type || result.meta.type === type) && (!campaign || result.meta.campaign === campaign);
  }

  // The results on screen answer the form as it was; once it changes, they go.
  function clearResults() {
    latest += 1;
    list.replaceChildren();
    if (status.textContent) { status.textContent = ""; }
    return latest;
  }

  async function run(query, type, campaign) {
    var mine = clearResults();
    status.textContent = say("searching");
    var loaded;
    try {
      var engine = await load();
      var search = await engine.search(query);
      loaded = await Promise.all(search.results.slice(0, 200).map(function (r) { return r.data(); }));
    } catch (error) {
      if (mine === latest) {
        status.textContent = say("failed");
      }
      return;
    }
    if (mine !== latest) { return; }
    var matching = loaded.filter(function (result) { return wanted(result, type, campaign); });
    matching.slice(0, 20).forEach(function (result) {
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
    status.textContent = count === 0 ? say("none").replace("{query}", function () { return query; }) :
      (count === 1 ? say("one") : say("many").replace("{count}", String(count))) +
      (count > 20 ? " " + say("first") : "");
  }

  form.addEventListener("input", clearResults);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new FormData(form);
    var query = String(data.get("q") || "").trim();
    if (!query) { return; }
    var params = new URLSearchParams(data);
    history.replaceState(null, "", "?" + params.toString());
    run(query, data.get("type"), data.get("campaign"));
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
