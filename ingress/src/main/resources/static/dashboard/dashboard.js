// Copy buttons: <button data-copy="text">; served as a file so the pages need no inline script (CSP).
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-copy]');
  if (!button) { return; }
  navigator.clipboard.writeText(button.getAttribute('data-copy')).then(function () {
    var status = document.getElementById('copy-status');
    if (status) { status.textContent = 'Copied.'; }
  });
});
