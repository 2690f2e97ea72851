// markdownlint-cli2 configuration for Rapporteur's Markdown output (used by tests/accessibility.rs).
// GitHub's recommended rules, with four deliberate changes:
// - line-length: off, because the output is never hard-wrapped (screen readers and viewers wrap);
// - single-h1 ignores the front matter `title`, because the output carries the title twice on
//   purpose: in YAML front matter for tools, and as the one H1 for readers.
// - no-trailing-punctuation: headings are the document's own words ("What next?"), kept as
//   written; the trailing colon of label headings is already removed by the renderer;
// - ul-style: two lists that follow each other alternate `-` and `*`, which is how CommonMark
//   keeps them apart without an HTML comment (no raw HTML is allowed in our output).
import { init } from "@github/markdownlint-github";

export default {
  config: init({
    "line-length": false,
    "single-h1": { front_matter_title: "" },
    "no-trailing-punctuation": false,
    "ul-style": false,
  }),
  customRules: ["@github/markdownlint-github"],
};
