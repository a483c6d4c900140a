(function () {
  document.documentElement.classList.add('js');
  // on paper the list of runs is shown, folded or not
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
  // a frame plays its output in place; without this script it is a plain link to the file
  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('a.play');
    var video = link && link.parentNode.querySelector('video');
    if (!video) return;
    e.preventDefault();
    link.hidden = true;
    video.hidden = false;
    video.play();
  });
  var list = document.getElementById('items');
  var filter = document.getElementById('filter');
  var sort = document.getElementById('sort');
  if (!list || !filter || !sort) return;
  var items = Array.prototype.slice.call(list.children);
  var shown = document.getElementById('shown');
  filter.addEventListener('input', function () {
    var words = filter.value.trim().toLowerCase();
    var count = 0;
    items.forEach(function (item) {
      var hit = !words || item.textContent.toLowerCase().indexOf(words) >= 0;
      item.hidden = !hit;
      if (hit) count++;
    });
    shown.textContent = words ? count + ' of ' + items.length + ' shown' : '';
  });
  var orders = {
    line: function (a, b) { return a.dataset.line - b.dataset.line; },
    slowest: function (a, b) { return b.dataset.seconds - a.dataset.seconds; },
    longest: function (a, b) { return (b.dataset.video || 0) - (a.dataset.video || 0); },
    name: function (a, b) { return a.dataset.name.localeCompare(b.dataset.name); }
  };
  sort.addEventListener('change', function () {
    items.sort(orders[sort.value]);
    var moved = document.createDocumentFragment();
    items.forEach(function (item) { moved.appendChild(item); });
    list.appendChild(moved);
  });
})();
