// The dashboard's one script: keeps each page live from the server's events, and runs a lab's
// check from its button. Pages work without it (the Check button then posts a plain form).
(function () {
  "use strict";

  const page = document.querySelector("[data-lab]");
  const labOfPage = page && document.querySelector(".lab-page") ? page.dataset.lab : null;
  const output = document.getElementById("check-output");
  const button = document.getElementById("check");

  // What the learner opened or folded (a <details data-key>) stays so when its part is redrawn:
  // a click on a summary is the learner's choice; the server's defaults are not.
  const chosen = new Map();
  document.addEventListener("click", function (event) {
    const summary = event.target.closest && event.target.closest("summary");
    const details = summary && summary.parentElement;
    if (details && details.tagName === "DETAILS" && details.dataset.key) {
      chosen.set(details.dataset.key, !details.open);
    }
  });

  function keepChoices(element) {
    element.querySelectorAll("details[data-key]").forEach(function (details) {
      if (chosen.has(details.dataset.key)) {
        details.open = chosen.get(details.dataset.key);
      }
    });
  }

  // Re-reads a live part of the page from its fragment URL; replaces it only when it changed.
  const lastHtml = new WeakMap();
  function refresh(element) {
    return fetch(element.dataset.live, { headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        const last = lastHtml.has(element) ? lastHtml.get(element) : element.innerHTML;
        if (html !== null && html !== last) {
          element.innerHTML = html;
          lastHtml.set(element, html);
          keepChoices(element);
        }
      })
      .catch(function () { /* the server is restarting: the next event or tick tries again */ });
  }

  function refreshAll() {
    document.querySelectorAll("[data-live]").forEach(refresh);
  }

  document.querySelectorAll("[data-live][data-every]").forEach(function (element) {
    setInterval(function () { refresh(element); }, Number(element.dataset.every));
  });

  function checking(running) {
    if (button) {
      button.disabled = running;
      button.textContent = running ? "Checking…" : "Check lab " + labOfPage;
    }
  }

  const events = new EventSource("/events");
  events.addEventListener("progress", refreshAll);
  events.addEventListener("check-started", function (event) {
    const data = JSON.parse(event.data);
    if (data.lab === labOfPage && output) {
      output.textContent = "";
      checking(true);
    }
  });
  events.addEventListener("check-output", function (event) {
    const data = JSON.parse(event.data);
    if (data.lab === labOfPage && output) {
      output.textContent += data.line + "\n";
      output.scrollTop = output.scrollHeight;
    }
  });
  events.addEventListener("check-finished", function (event) {
    const data = JSON.parse(event.data);
    if (data.lab === labOfPage) {
      checking(false);
    }
    refreshAll();
  });

  // A hint button reveals the exercise's next level in place; the server remembers it (.labs/hints.json),
  // so the page's live refreshes and ./lab hint show the same levels. Listened for on the document:
  // the exercises' part of the page is redrawn whenever progress changes.
  document.addEventListener("submit", function (event) {
    const hintForm = event.target.closest("form.hint-next");
    if (!hintForm) {
      return;
    }
    event.preventDefault();
    const live = hintForm.closest("[data-live]");
    const exercise = hintForm.closest("[data-exercise]");
    hintForm.querySelector("button").disabled = true;
    fetch(hintForm.action, { method: "POST", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("the dashboard answered " + response.status); }
        return response.text();
      })
      .then(function (html) {
        if (live) {
          live.innerHTML = html;
          const again = exercise && live.querySelector("[data-exercise='" + exercise.dataset.exercise + "'] .hints");
          if (again) { again.scrollIntoView({ block: "nearest" }); }
        }
      })
      .catch(function () { hintForm.querySelector("button").disabled = false; });
  });

  const form = document.querySelector("form.check");
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      checking(true);
      fetch(form.action, { method: "POST", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          if (answer.status === "busy" && output) {
            output.textContent += answer.message + "\n";
          }
        })
        .catch(function (error) {
          checking(false);
          if (output) { output.textContent += "The check could not start: " + error + "\n"; }
        });
    });
  }
})();
