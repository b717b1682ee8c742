/* The interface strings of a page's script (the playground, the draw page) in the build's
 * language. Each page gets a strings.js written at build time (docs/_ext/playground_data.py,
 * docs/_ext/draw_data.py, from docs/locale/<lang>/LC_MESSAGES/interface.po): English templates
 * with {named} fields are its keys. window.convdemoStrings(strings) gives the page's script
 *   T(message, fields): the template in the page's language, its fields filled;
 *   prose(text): a number in prose with the language's decimal separator (0,5 in Italian). */
(function () {
  "use strict";
  window.convdemoStrings = function (strings) {
    var STRINGS = strings || { messages: {}, decimal: "." };
    function T(message, fields) {
      var text = STRINGS.messages[message] || message;
      if (!fields) return text;
      return text.replace(/\{(\w+)\}/g, function (whole, key) {
        return Object.prototype.hasOwnProperty.call(fields, key) ? String(fields[key]) : whole;
      });
    }
    function prose(text) {
      return STRINGS.decimal === "." ? text : text.replace(/(\d)\.(\d)/g, "$1" + STRINGS.decimal + "$2");
    }
    return { T: T, prose: prose };
  };
})();
