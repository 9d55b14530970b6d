// Page behaviour the scanner must follow: an open shadow root, and images
// added and changed after load.
customElements.define('photo-card', class extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `
      <div><img id="shadow-no-alt" src="/img/dogs-grass.jpg" width="120" height="90">
      <img id="shadow-alt" src="/img/dog-ocean.jpg" alt="A dog running into the ocean" width="120" height="90"></div>
      <nested-card></nested-card>`;
  }
});
customElements.define('nested-card', class extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = '<img id="nested-no-alt" src="/img/kids-water.jpg" width="120" height="90">';
  }
});

window.addEventListener('load', () => {
  setTimeout(() => {
    const later = document.getElementById('later');
    later.insertAdjacentHTML('beforeend', '<img id="added-no-alt" src="/img/climber.jpg" width="120" height="90">');
    const named = document.createElement('img');
    named.id = 'added-alt';
    named.alt = 'A climber reaches the top';
    named.src = '/img/climber.jpg';
    named.width = 120;
    named.height = 90;
    later.append(named);
    // No width/height: it has no box until it loads, so only the load event can reclassify it.
    later.insertAdjacentHTML('beforeend', '<img id="added-unsized" src="/img/dogs-grass.jpg?unsized">');
    // An image that loses its alt, and one that gains one.
    document.getElementById('good-alt').removeAttribute('alt');
    document.getElementById('no-alt').setAttribute('alt', 'A dog at the edge of the ocean');
    // role, aria-labelledby and srcset changes on candidates; aria-hidden and a class on ancestors.
    document.getElementById('becomes-presentation').setAttribute('role', 'presentation');
    document.getElementById('gains-labelledby').setAttribute('aria-labelledby', 'late-label');
    document.getElementById('srcset-changes').setAttribute('srcset', 'chart-480.png 1x');
    document.getElementById('wrapper-hidden-later').setAttribute('aria-hidden', 'true');
    document.getElementById('wrapper-class-later').className = 'hidden';
    // A shadow host created after load.
    later.append(document.createElement('photo-card'));
  }, 300);
  // Later, on their own (no other change in the same batch to trigger a full pass): text of
  // aria-labelledby targets, filled in and edited in place (a characterData change).
  setTimeout(() => {
    document.getElementById('text-later').textContent = 'Children race along the shore';
  }, 1200);
  setTimeout(() => {
    document.getElementById('cap-edited').firstChild.data = 'Children splash in a rock pool';
  }, 2000);
});
