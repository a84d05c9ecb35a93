/* Suggestions under the header's search box (docs/search.md, "Suggestions"): an ARIA 1.2
   combobox whose listbox shows article titles, sections, authors and tags for the letters
   typed, from /<lang>/search/suggest/?q=… (JSON). Without JavaScript the box stays the plain
   GET form to /<lang>/search/, and Enter with no suggestion chosen still submits it. */
(function () {
  "use strict";

  var input = document.getElementById("header-q");
  if (!input || !input.form || !input.getAttribute("data-suggest") || !window.fetch || !window.AbortController) return;

  var form = input.form;
  var endpoint = input.getAttribute("data-suggest");
  var label = form.querySelector("label[for='header-q']");
  var DELAY = 150;
  var MIN_LENGTH = 2;

  var list = document.createElement("div");
  list.id = "header-q-suggestions";
  list.className = "suggest-list";
  list.setAttribute("role", "listbox");
  if (label) list.setAttribute("aria-label", label.textContent);
  list.hidden = true;
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");  // polite: the number of suggestions, once shown
  form.appendChild(list);
  form.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("autocomplete", "off");

  var timer = 0;
  var controller = null;
  var options = [];
  var active = -1;
  var shownFor = "";  // the query the list was made for

  function show() {
    if (!options.length) return;
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    select(-1);
  }

  function select(index) {
    if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
    active = index;
    if (index < 0) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    var option = options[index];
    option.setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    if (!options.length) return;
    if (list.hidden) show();
    var next = active + step;
    if (active < 0) next = step > 0 ? 0 : options.length - 1;
    if (next >= options.length) next = 0;
    if (next < 0) next = options.length - 1;
    select(next);
  }

  function go(option) {
    if (!option) return;
    close();
    window.location.assign(option.getAttribute("data-url"));
  }

  function render(data) {
    active = -1;
    input.removeAttribute("aria-activedescendant");
    options = [];
    list.textContent = "";
    (data.groups || []).forEach(function (group, g) {
      var box = document.createElement("ul");
      var title = document.createElement("li");
      box.setAttribute("role", "group");
      box.className = "suggest-group";
      title.setAttribute("role", "presentation");
      title.id = list.id + "-group-" + g;
      title.className = "suggest-group-label";
      title.textContent = group.label;
      box.setAttribute("aria-labelledby", title.id);
      box.appendChild(title);
      group.items.forEach(function (item) {
        var option = document.createElement("li");
        option.id = list.id + "-" + options.length;
        option.className = "suggest-option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-url", item.url);
        option.setAttribute("data-kind", group.kind);
        option.lang = item.lang;
        option.dir = item.dir;
        option.textContent = item.label;
        box.appendChild(option);
        options.push(option);
      });
      list.appendChild(box);
    });
    status.textContent = data.status || "";
    if (options.length && document.activeElement === input) show();
    else close();
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (controller) controller.abort();
    controller = null;
    if (query === shownFor) {
      show();
      return;
    }
    if (query.length < MIN_LENGTH) {
      shownFor = query;
      render({ groups: [], status: "" });
      return;
    }
    controller = new AbortController();
    // No cookies: the suggestions are the same for everyone, so shared caches may keep them.
    fetch(endpoint + "?q=" + encodeURIComponent(query), {
      signal: controller.signal,
      credentials: "omit",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        if (input.value.trim() !== query) return;  // the reader typed on meanwhile
        shownFor = query;
        render(data);
      })
      .catch(function () { /* aborted, offline: the form still works */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, DELAY);
  });

  input.addEventListener("keydown", function (event) {
    if (event.isComposing) return;
    switch (event.key) {
      case "ArrowDown":
        if (!options.length) return;
        event.preventDefault();
        move(1);
        break;
      case "ArrowUp":
        if (!options.length) return;
        event.preventDefault();
        move(-1);
        break;
      case "Enter":
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          go(options[active]);
        }
        break;  // otherwise the form is submitted: the search page
      case "Escape":
        if (!list.hidden) {
          event.preventDefault();
          close();
        }
        break;
    }
  });

  input.addEventListener("focus", function () {
    if (options.length && input.value.trim() === shownFor) show();
  });
  input.addEventListener("blur", close);
  // A press on the list keeps the focus in the box (so it does not close), the click opens.
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  list.addEventListener("click", function (event) {
    go(event.target.closest ? event.target.closest("[role='option']") : null);
  });
  form.addEventListener("submit", close);
  window.addEventListener("pageshow", close);  // back from the article: no list left open
})();
