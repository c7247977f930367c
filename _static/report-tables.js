/* Long tables of the report (class report-table-long): a filter box and sortable
   columns (Tablesort, vendored in _static/vendor/). Without JavaScript the plain table
   stays as it is; nothing here fetches anything. */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table.report-table-long").forEach(function (table) {
    if (window.Tablesort) new window.Tablesort(table);
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var input = document.createElement("input");
    input.type = "search";
    input.className = "report-table-search";
    input.placeholder = "Filter the rows\u2026";
    input.setAttribute("aria-label", "Filter the rows of this table");
    var count = document.createElement("span");
    count.className = "report-table-count";
    function update() {
      var q = input.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var hit = !q || row.textContent.toLowerCase().indexOf(q) !== -1;
        row.hidden = !hit;
        if (hit) shown += 1;
      });
      count.textContent = q ? shown + " of " + rows.length + " rows" : rows.length + " rows; click a column heading to sort";
    }
    input.addEventListener("input", update);
    var tools = document.createElement("div");
    tools.className = "report-table-tools";
    tools.appendChild(input);
    tools.appendChild(count);
    var wrap = table.closest(".report-table-wrap") || table;
    wrap.parentNode.insertBefore(tools, wrap);
    update();
  });
});
