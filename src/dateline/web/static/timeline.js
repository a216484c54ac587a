// Progressive enhancement for /timeline: draw the listed events on a zoomable vis-timeline.
// The table below stays the page's content; without JavaScript nothing is lost.
// Item text is set through textContent, never innerHTML: labels come from captures.
(function () {
  "use strict";
  var dataNode = document.getElementById("timeline-data");
  var wrap = document.getElementById("timeline-vis");
  var container = document.getElementById("vis-container");
  if (!dataNode || !wrap || !container || typeof vis === "undefined") return;
  var events;
  try { events = JSON.parse(dataNode.textContent); } catch (e) { return; }
  var dated = events.filter(function (e) { return e.start; });
  if (!dated.length) return;

  function imprecise(e) { return e.end && e.end !== e.start; }
  function label(e) {
    var node = document.createElement("span");
    // An event known only to the week, month or year says so in its label.
    node.textContent = e.label + (imprecise(e) ? " (" + e.display_date + ")" : "");
    node.title = e.display_date + " · " + e.label + (e.place ? " · " + e.place : "");
    return node;
  }
  function day(iso) { return new Date(iso + "T00:00:00Z"); }
  var items = new vis.DataSet(dated.map(function (e) {
    // Imprecise dates sit at the middle of the span they can mean, drawn dashed; a range
    // bar would be too thin to label at most zoom levels.
    var at = imprecise(e)
      ? new Date((day(e.start).valueOf() + day(e.end).valueOf()) / 2)
      : day(e.start);
    return {
      id: e.id, content: label(e), start: at, type: "box",
      className: "status-" + String(e.status).replace(/[^a-z_]/gi, "") +
        (imprecise(e) ? " imprecise" : ""),
    };
  }));
  var DAY = 24 * 3600 * 1000;
  var timeline = new vis.Timeline(container, items, {
    stack: true, zoomMin: 3 * DAY, zoomMax: 200 * 365 * DAY, maxHeight: 520,
    showCurrentTime: false,
    orientation: { axis: "top" }, xss: { disabled: false },
    tooltip: { followMouse: true },
  });
  wrap.hidden = false;
  timeline.on("select", function (props) {
    if (props.items.length === 1) {
      window.location.href = "/events/" + encodeURIComponent(props.items[0]);
    }
  });
  var spans = { decade: 12 * 365 * DAY, year: 400 * DAY, month: 35 * DAY, day: 5 * DAY };
  Array.prototype.forEach.call(wrap.querySelectorAll("button[data-zoom]"), function (btn) {
    btn.addEventListener("click", function () {
      var kind = btn.getAttribute("data-zoom");
      Array.prototype.forEach.call(wrap.querySelectorAll("button[data-zoom]"), function (b) {
        b.classList.toggle("active", b === btn);
      });
      if (kind === "fit") { timeline.fit({ animation: false }); return; }
      var w = timeline.getWindow();
      var mid = (w.start.valueOf() + w.end.valueOf()) / 2;
      var sel = timeline.getSelection();
      if (sel.length) { var it = items.get(sel[0]); mid = new Date(it.start).valueOf(); }
      timeline.setWindow(new Date(mid - spans[kind] / 2), new Date(mid + spans[kind] / 2), { animation: false });
    });
  });
  // Hovering a table row highlights the item on the scale, and vice versa for orientation.
  Array.prototype.forEach.call(document.querySelectorAll("tr.event[data-event]"), function (row) {
    row.addEventListener("mouseenter", function () {
      var id = row.getAttribute("data-event");
      if (items.get(id)) timeline.setSelection([id]);
    });
  });
})();
