// Expands HireBot card templates with the official templating package and validates cards with
// the official parser. Driven by HireBot.Tests (CardsOfficialLibraryTests).
// stdin:  {"cases":[{"name","template","data","card"}]}   card = the .NET binder's output
// stdout: {"results":[{"name","expanded","errors":[...]}]} errors = parse and validation events for card
"use strict";
const Templating = require("adaptivecards-templating");
// The package's "lib" build is ES modules without file extensions, which Node cannot load;
// the UMD bundle in "dist" works and needs no DOM for parsing and validation.
const AdaptiveCards = require("adaptivecards/dist/adaptivecards.js");

function validate(card) {
  const errors = [];
  const context = new AdaptiveCards.SerializationContext();
  context.targetVersion = AdaptiveCards.Versions.v1_5;
  const parsed = new AdaptiveCards.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    errors.push(`parse: ${AdaptiveCards.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of parsed.validateProperties().validationEvents) {
    errors.push(`validate: ${AdaptiveCards.ValidationEvent[e.event]}: ${e.message}`);
  }
  return errors;
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", chunk => (input += chunk));
process.stdin.on("end", () => {
  const { cases } = JSON.parse(input);
  const results = cases.map(c => {
    const expanded = new Templating.Template(c.template).expand({ $root: c.data });
    return { name: c.name, expanded, errors: validate(c.card) };
  });
  process.stdout.write(JSON.stringify({ results }));
});
