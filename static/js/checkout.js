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
  function isHome() { return chosen() === "home" || chosen() === "fair_home"; }
  function update() {
    home.hidden = !isHome();
    pickup.hidden = chosen() !== "pickup";
    if (other && city) { other.closest(".field").hidden = !isHome() || city.value !== "other"; }
  }
  // The total shown before ordering, from the fees the server rendered; the server recomputes it anyway.
  var fees = JSON.parse(form.dataset.fees || "{}");
  var subtotal = parseInt(form.dataset.subtotal || "0", 10);
  var totalLine = document.querySelector(".checkout-total");
  var totalOut = document.getElementById("checkout-total");
  var format = new Intl.NumberFormat(form.dataset.locale || "fr", { style: "currency", currency: "MAD" });
  function showTotal() {
    var fee = isHome() ? fees[city.value] : 0;
    if (fee === undefined) { totalLine.hidden = true; return; }
    totalOut.textContent = format.format((subtotal + fee) / 100);
    totalLine.hidden = false;
  }
  form.addEventListener("change", function () { update(); showTotal(); });
  form.addEventListener("submit", function () {
    var button = form.querySelector(".checkout-submit");
    // One tap, one order: a second tap while the first is on its way would only be refused.
    window.setTimeout(function () { button.disabled = true; }, 0);
  });
  update();
  showTotal();
}());
