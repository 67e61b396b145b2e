// Progressive enhancement only: every page works without this file.
import { initAll } from '../nhsuk/nhsuk-frontend.min.js'

initAll({
  // The character count counts as the server does (Python's len): one per character, an
  // emoji included, where the default counts UTF-16 code units (two for an emoji). A line
  // break is one either way: a textarea's value holds it as a line feed, and the server makes
  // the CR LF a form sends one line feed before measuring (newroles.ui.forms).
  characterCount: { countFunction: (text) => Array.from(text).length }
})
