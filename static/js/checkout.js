// Checkout: show only the fields of the chosen delivery method (the server validates either way).
(function () {
  "use strict";
  var form = document.querySelector(".checkout-form");
  if (!form) { return; }
  var home = form.querySelector(".delivery-home");
  var pickup = form.querySelector(".delivery-pickup");
  var city = form.querySelector("#city");
  var other = form.querySelector("#other_city");
  function chosen() {
    var checked = form.querySelector("input[name=delivery_method]:checked");
    return checked ? checked.value : "home";
  }
  function update() {
    var isHome = chosen() === "home";
    home.hidden = !isHome;
    pickup.hidden = isHome;
    if (other && city) { other.closest(".field").hidden = !isHome || city.value !== "other"; }
  }
  form.addEventListener("change", update);
  form.addEventListener("submit", function () {
    var button = form.querySelector(".checkout-submit");
    // One tap, one order: a second tap while the first is on its way would only be refused.
    window.setTimeout(function () { button.disabled = true; }, 0);
  });
  update();
}());
