// Forms: a message under a field that the server refused goes away as soon as the field is changed
// into something acceptable (the server checks again on submit either way).
(function () {
  "use strict";
  function clear(event) {
    var field = event.target.closest && event.target.closest(".field-error");
    if (!field || (event.target.checkValidity && !event.target.checkValidity())) { return; }
    field.classList.remove("field-error");
    field.querySelectorAll(".error").forEach(function (message) { message.remove(); });
    event.target.removeAttribute("aria-invalid");
  }
  document.addEventListener("input", clear);
  document.addEventListener("change", clear);
}());
