// Formulaires : champs décrits une fois, libellés, aides et erreurs reliés pour les lecteurs d'écran.
//
// Un champ : { cle, libelle, type: 'texte'|'email'|'tel'|'nombre'|'date'|'zone'|'choix'|'multiple'|'selecteur'|'selecteurs', requis, aide, options, vide,
//              dependDe, options: (valeurs) => Promise<[{code, libelle}]> }
// Un champ « selecteur » désigne une fiche (établissement, organisation, personne, convention,
// comité, IPE) : { genre, creation } ; on la cherche en tapant (voir selecteur.js), la valeur est son id.
// « selecteurs » : plusieurs fiches du même genre, la valeur est la liste de leurs id.

import { el, remplir, alerte } from './dom.js';
import { selecteur, selecteurMultiple } from './selecteur.js';

export function formulaire({ id, titre, champs, valeurs = {}, libelleValider = 'Enregistrer', enregistrer, annuler }) {
  const elements = new Map();
  const lignes = champs.map((c) => {
    const idChamp = `${id}-${c.cle}`;
    const aide = c.aide ? el('span', { class: 'aide', id: `${idChamp}-aide` }, c.aide) : null;
    const erreur = el('p', { class: 'erreur-champ', id: `${idChamp}-erreur`, hidden: true });
    const choixFiche = c.type === 'selecteur' ? selecteur({ id: idChamp, genre: c.genre, creation: c.creation })
      : c.type === 'selecteurs' ? selecteurMultiple({ id: idChamp, genre: c.genre, creation: c.creation }) : null;
    const saisie = choixFiche ? choixFiche.input : c.type === 'choix' || c.type === 'multiple'
      ? el('select', { id: idChamp, name: c.cle, multiple: c.type === 'multiple', size: c.type === 'multiple' ? 5 : null })
      : c.type === 'zone'
        ? el('textarea', { id: idChamp, name: c.cle, rows: 3 })
        : el('input', { id: idChamp, name: c.cle, type: c.type === 'email' ? 'email' : c.type === 'tel' ? 'tel' : 'text',
            inputmode: c.type === 'nombre' ? 'numeric' : null, placeholder: c.type === 'date' ? 'JJ/MM/AAAA' : null,
            class: c.type === 'nombre' ? 'nombre' : null, autocomplete: 'off', spellcheck: 'false' });
    // Un champ de texte reçoit sa valeur tout de suite : rempli plus tard (après les listes), il
    // effacerait ce que l'utilisateur aurait déjà tapé.
    if (!choixFiche && c.type !== 'choix' && c.type !== 'multiple') saisie.value = valeurs[c.cle] ?? '';
    saisie.setAttribute('aria-describedby', [aide && `${idChamp}-aide`, `${idChamp}-erreur`].filter(Boolean).join(' '));
    if (c.requis) saisie.setAttribute('aria-required', 'true');
    const bloc = el('div', { class: 'champ' },
      el('label', { for: idChamp }, c.libelle, c.requis ? el('span', { class: 'requis', 'aria-hidden': 'true' }, ' *') : null, aide),
      choixFiche ? choixFiche.element : saisie, erreur);
    elements.set(c.cle, { c, saisie, erreur, bloc, choixFiche });
    return bloc;
  });

  const message = el('div', { class: 'message-formulaire' });
  // L'identifiant du titre ne doit pas pouvoir croiser celui d'un champ (un champ « titre » existe).
  const form = el('form', { class: 'formulaire', id, novalidate: true, 'aria-labelledby': `${id}--intitule` },
    el('h2', { id: `${id}--intitule` }, titre),
    champs.some((c) => c.requis) ? el('p', { class: 'aide' }, 'Les champs marqués d\'un astérisque (*) sont obligatoires.') : null,
    message,
    el('div', { class: 'grille' }, lignes),
    el('div', { class: 'actions' },
      el('button', { type: 'submit' }, libelleValider),
      el('button', { type: 'button', class: 'secondaire', onclick: () => annuler?.() }, 'Annuler')));

  const lire = () => {
    const v = {};
    for (const [cle, { c, saisie, choixFiche }] of elements) {
      if (choixFiche) v[cle] = choixFiche.valeur();
      else if (c.type === 'multiple') v[cle] = Array.from(saisie.selectedOptions, (o) => (c.numerique ? Number(o.value) : o.value));
      // Choix vide : null pour un identifiant (Option côté Rust), chaîne vide pour un code (String).
      else if (c.type === 'choix') v[cle] = c.numerique ? (saisie.value === '' ? null : Number(saisie.value)) : saisie.value;
      else v[cle] = saisie.value;
    }
    return v;
  };

  async function chargerOptions(cle, valeur) {
    const { c, saisie } = elements.get(cle);
    const options = typeof c.options === 'function' ? await c.options(lire()) : c.options;
    if (c.type === 'multiple') {
      const choisis = new Set((valeur ?? []).map(String));
      remplir(saisie, options.map((o) => el('option', { value: o.code, selected: choisis.has(String(o.code)) }, o.libelle)));
      return;
    }
    remplir(saisie, el('option', { value: '' }, c.vide ?? '— Choisir —'),
      options.map((o) => el('option', { value: o.code }, o.libelle)));
    saisie.value = valeur == null ? '' : String(valeur);
  }

  const effacerErreurs = () => {
    remplir(message);
    for (const { erreur, bloc, saisie } of elements.values()) {
      erreur.hidden = true; erreur.textContent = ''; bloc.classList.remove('en-erreur'); saisie.removeAttribute('aria-invalid');
    }
  };

  /** Affiche l'erreur {message, champs} rendue par Rust à côté de chaque champ ; focus sur le premier. */
  const afficherErreur = (e) => {
    effacerErreurs();
    let premier = null;
    for (const { champ, message: texte } of e.champs ?? []) {
      const x = elements.get(champ);
      if (!x) continue;
      x.erreur.hidden = false;
      x.erreur.textContent = x.erreur.textContent ? `${x.erreur.textContent} ${texte}` : texte;
      x.bloc.classList.add('en-erreur');
      x.saisie.setAttribute('aria-invalid', 'true');
      premier ??= x.saisie;
    }
    if (premier) premier.focus();
    else remplir(message, alerte(e.message, 'erreur'));
  };

  form.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') { ev.preventDefault(); annuler?.(); } });

  const pret = (async () => {
    for (const [cle, { c, choixFiche }] of elements) {
      if (choixFiche) await choixFiche.definir(valeurs[cle]);
      else if (c.type === 'choix' || c.type === 'multiple') await chargerOptions(cle, valeurs[cle]);
    }
    // Un choix qui dépend d'un autre (bassin ← académie) se recharge quand celui-ci change.
    for (const [cle, { c }] of elements) {
      if (c.dependDe) elements.get(c.dependDe).saisie.addEventListener('change', () => chargerOptions(cle, null));
    }
  })();

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const bouton = form.querySelector('button[type=submit]');
    bouton.disabled = true;
    try {
      // Un envoi fait pendant que le formulaire se remplit encore attend la fin du remplissage.
      await pret;
      await enregistrer(lire());
    } catch (e) {
      afficherErreur(e);
    } finally {
      bouton.disabled = false;
    }
  });
  const focus = (cle) => pret.then(() => (cle ? elements.get(cle) : elements.values().next().value)?.saisie.focus());
  return { element: form, pret, afficherErreur, focus };
}
