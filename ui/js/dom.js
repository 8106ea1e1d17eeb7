// Construction du DOM : le texte de l'utilisateur passe toujours par des nœuds texte, jamais par innerHTML.

export function el(balise, proprietes = {}, ...enfants) {
  const n = document.createElement(balise);
  for (const [cle, valeur] of Object.entries(proprietes)) {
    if (valeur === undefined || valeur === null || valeur === false) continue;
    if (cle.startsWith('on') && typeof valeur === 'function') n.addEventListener(cle.slice(2), valeur);
    else if (cle === 'class') n.className = valeur;
    else if (cle === 'value') n.value = valeur;
    else if (valeur === true) n.setAttribute(cle, '');
    else n.setAttribute(cle, String(valeur));
  }
  ajouter(n, enfants);
  return n;
}

function ajouter(parent, enfants) {
  for (const e of enfants.flat(Infinity)) {
    if (e === undefined || e === null || e === false) continue;
    parent.append(e instanceof Node ? e : document.createTextNode(String(e)));
  }
}

/** Remplace le contenu d'un nœud. */
export function remplir(n, ...enfants) {
  n.replaceChildren();
  ajouter(n, enfants);
  return n;
}

/** Message lu par les lecteurs d'écran. */
export function annoncer(texte) {
  const zone = document.getElementById('annonces');
  zone.textContent = '';
  setTimeout(() => { zone.textContent = texte; }, 50);
}

/** Boîte de confirmation modale ; rend true si l'utilisateur confirme. */
export function confirmer(titre, texte, libelleOk = 'Supprimer') {
  const d = document.getElementById('confirmation');
  d.querySelector('#confirmation-titre').textContent = titre;
  d.querySelector('#confirmation-texte').textContent = texte;
  d.querySelector('#confirmation-ok').textContent = libelleOk;
  d.returnValue = '';
  d.showModal();
  return new Promise((resolve) => d.addEventListener('close', () => resolve(d.returnValue === 'ok'), { once: true }));
}

/** Encadré d'alerte (erreur, succès, information) : un texte, un nœud ou une liste de nœuds. */
export function alerte(contenu, genre = 'info') {
  return el('div', { class: `alerte ${genre}`, role: genre === 'erreur' ? 'alert' : 'status' }, contenu);
}

/**
 * L'erreur d'une commande en encadré : sa première ligne en phrase, les suivantes (« Ligne 12 : … »
 * d'un import refusé) en liste. Une annulation demandée n'est qu'une information.
 */
export function alerteErreur(e) {
  const [tete, ...suite] = String(e.message ?? e).split('\n');
  return alerte([el('p', {}, tete), suite.length ? el('ul', {}, suite.map((l) => el('li', {}, l))) : null],
    e.code === 'annulee' ? 'info' : 'erreur');
}

/** Une liste déroulante d'options `{ code, libelle }`, précédée du choix vide `tous` s'il est donné. */
export function listeDeroulante(proprietes, options, tous = null) {
  return el('select', proprietes, tous === null ? null : el('option', { value: '' }, tous),
    options.map((o) => el('option', { value: o.code }, o.libelle)));
}

/** Un tableau simple ; `lignes` est une liste de listes de cellules (texte ou nœuds). */
export function tableau(id, entetes, lignes, vide) {
  if (lignes.length === 0) return el('p', { class: 'vide', id }, vide);
  return el('table', { id },
    el('thead', {}, el('tr', {}, entetes.map((t) => el('th', { scope: 'col' }, t)))),
    el('tbody', {}, lignes.map((l) => el('tr', {}, l.map((c) => el('td', {}, c))))));
}
