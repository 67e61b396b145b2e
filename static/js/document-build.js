// A document's build, followed in place: asks for this page again every few seconds and
// swaps in its status when it changes, until the build has finished. Without JavaScript the
// page refreshes itself instead (a <noscript> refresh), so this is an enhancement only.
const status = document.getElementById('build-status')

async function poll () {
  let next = null
  try {
    const response = await fetch(window.location.href, { credentials: 'same-origin' })
    if (response.ok) {
      const page = new DOMParser().parseFromString(await response.text(), 'text/html')
      next = page.getElementById('build-status')
    }
  } catch (error) {
    next = null // offline for a moment: ask again later
  }
  if (next && next.dataset.state !== status.dataset.state) {
    // Only a change is swapped in, so the status region announces each step once.
    status.innerHTML = next.innerHTML
    status.dataset.state = next.dataset.state
    status.dataset.finished = next.dataset.finished
    document.title = page_title(next)
  }
  if (status.dataset.finished !== 'true') schedule()
}

function page_title (next) {
  const heading = next.querySelector('h2')
  const rest = document.title.split(': ').slice(1).join(': ')
  return heading && rest ? `${heading.textContent.trim()}: ${rest}` : document.title
}

function schedule () {
  setTimeout(poll, 1000 * Number(status.dataset.refreshSeconds || 2))
}

if (status && status.dataset.finished !== 'true') schedule()
