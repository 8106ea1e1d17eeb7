// Sélecteur de fiche (établissement, organisation, personne, convention, comité, IPE) : on tape
// quelques lettres du nom, de l'UAI, du SIRET, de la commune ou de l'e-mail et Rust (commande
// `chercher`, index plein texte) rend les fiches qui répondent, avec leur contexte.
//
// Motif ARIA « combobox » avec liste : le champ garde le focus, les flèches déplacent l'option
// active (aria-activedescendant), Entrée choisit, Échap ferme la liste (puis, liste fermée,
// laisse le formulaire l'entendre). Les réponses d'une frappe dépassée sont ignorées.
// L'option « Créer « … »… » ouvre un petit formulaire de création dans une boîte de dialogue
// (validation de l'annuaire par les commandes creer_…, erreurs sous les champs), puis choisit
// la fiche créée sans quitter le formulaire en cours.

import { appeler, codes, optionsAcademies } from './api.js';
import { el, remplir, annoncer } from './dom.js';

const ATTENTE_FRAPPE = 60; // ms : une rafale de frappes ne lance qu'une recherche

/** Les petits formulaires de création : mêmes clés que les saisies de l'annuaire (Rust valide). */
const CREATIONS = {
  etablissement: {
    titre: 'Nouvel établissement', commande: 'creer_etablissement', nom: 'nom',
    champs: async () => [
      { cle: 'nom', libelle: 'Nom', requis: true },
      { cle: 'uai', libelle: 'Code UAI', requis: true, aide: '7 chiffres et une lettre, ex. 0620057A' },
      { cle: 'type', libelle: 'Type', type: 'choix', requis: true, options: codes('types_etablissement') },
      { cle: 'commune', libelle: 'Commune' },
      { cle: 'academie_id', libelle: 'Académie', type: 'choix', requis: true, numerique: true,
        options: await optionsAcademies(true) },
    ],
  },
  organisation: {
    titre: 'Nouvelle organisation', commande: 'creer_organisation', nom: 'nom',
    champs: async () => [
      { cle: 'nom', libelle: 'Nom', requis: true },
      { cle: 'type', libelle: 'Type', type: 'choix', requis: true, options: codes('types_organisation') },
      { cle: 'siret', libelle: 'SIRET', aide: '14 chiffres, facultatif' },
      { cle: 'commune', libelle: 'Commune' },
    ],
  },
  personne: {
    titre: 'Nouvelle personne', commande: 'creer_personne', nom: 'nom',
    champs: async () => [
      { cle: 'nom', libelle: 'Nom', requis: true },
      { cle: 'prenom', libelle: 'Prénom', requis: true },
      { cle: 'civilite', libelle: 'Civilité', type: 'choix', vide: '— Non renseignée —', options: codes('civilites') },
      { cle: 'fonction', libelle: 'Fonction' },
      { cle: 'email', libelle: 'Courriel', type: 'email' },
    ],
  },
};

/** Le libellé d'une fiche pour l'option « Créer » et le formulaire : nom, ou « Nom Prénom ». */
function valeursCreation(genre, texte) {
  if (genre !== 'personne') return { nom: texte };
  const [nom, ...prenom] = texte.split(/\s+/);
  return { nom, prenom: prenom.join(' ') };
}

/**
 * Un sélecteur. `id` : celui du champ (le <label for> le vise) ; `genre` : ce que l'on cherche ;
 * `creation` : proposer « Créer « … »… » (établissement, organisation, personne) ;
 * `onchange(fiche)` : appelé à chaque choix ({ id, libelle, contexte }, ou null).
 * Rend { element, input, valeur(), definir(id) }.
 */
export function selecteur({ id, genre, creation = false, onchange }) {
  const idListe = `${id}-liste`;
  const input = el('input', {
    id, type: 'text', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
    'aria-controls': idListe, autocomplete: 'off', spellcheck: 'false', class: 'selecteur-saisie',
    placeholder: 'Tapez quelques lettres…', 'data-genre': genre,
  });
  const liste = el('ul', { id: idListe, role: 'listbox', class: 'selecteur-liste', hidden: true,
    'aria-label': 'Suggestions' });
  const effacer = el('button', { type: 'button', class: 'selecteur-effacer', hidden: true,
    'aria-label': 'Vider le choix', title: 'Vider le choix', tabindex: '-1' }, '×');
  const element = el('div', { class: 'selecteur' }, input, effacer, liste);

  let choisi = null; // { id, libelle, contexte }
  let options = []; // [{ id, libelle, contexte } | { creer: texte }]
  let active = -1;
  let demande = 0;
  let minuterie = null;

  const ouverte = () => !liste.hidden;
  const fermer = () => {
    liste.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const activer = (i) => {
    active = i;
    for (const [j, li] of [...liste.querySelectorAll('[role=option]')].entries()) {
      li.setAttribute('aria-selected', String(j === i));
      li.classList.toggle('active', j === i);
      if (j === i) {
        input.setAttribute('aria-activedescendant', li.id);
        li.scrollIntoView({ block: 'nearest' });
      }
    }
    if (i < 0) input.removeAttribute('aria-activedescendant');
  };

  const afficherChoix = () => {
    input.value = choisi ? choisi.libelle : '';
    input.title = choisi?.contexte ?? '';
    effacer.hidden = !choisi;
  };
  const choisir = (fiche) => {
    choisi = fiche;
    afficherChoix();
    fermer();
    input.dispatchEvent(new Event('change', { bubbles: true }));
    onchange?.(choisi);
    if (fiche) annoncer(`${fiche.libelle} choisi.`);
  };

  function dessiner(trouves, texte) {
    options = [...trouves.resultats];
    if (creation && texte.trim()) options.push({ creer: texte.trim() });
    const lignes = options.map((o, i) => el('li', { id: `${id}-option-${i}`, role: 'option', 'aria-selected': 'false',
      class: o.creer ? 'selecteur-option creer' : 'selecteur-option',
      onmousedown: (ev) => ev.preventDefault(), // le champ garde le focus
      onclick: () => valider(i) },
    o.creer
      ? el('span', { class: 'selecteur-libelle' }, `Créer « ${o.creer} »…`)
      : [el('span', { class: 'selecteur-libelle' }, o.libelle), o.contexte ? el('span', { class: 'selecteur-contexte' }, o.contexte) : null]));
    const notes = [];
    if (trouves.resultats.length === 0) notes.push(el('li', { class: 'selecteur-note', role: 'presentation' }, texte.trim() ? 'Aucune fiche ne correspond.' : 'Aucune fiche.'));
    else if (trouves.plus) notes.push(el('li', { class: 'selecteur-note', role: 'presentation' }, 'D\'autres fiches répondent : tapez quelques lettres de plus.'));
    // Les remarques avant l'option « Créer… », qui reste la dernière.
    const creer = options.at(-1)?.creer ? lignes.pop() : null;
    remplir(liste, lignes, notes, creer);
    liste.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    activer(trouves.resultats.length > 0 && texte.trim() ? 0 : -1);
  }

  async function chercher() {
    const numero = ++demande;
    const texte = input.value;
    try {
      const trouves = await appeler('chercher', { genre, saisie: texte, limite: 20 });
      if (numero !== demande || document.activeElement !== input) return; // une frappe plus récente a pris le relais
      dessiner(trouves, texte);
    } catch (e) {
      if (numero !== demande) return;
      remplir(liste, el('li', { class: 'selecteur-note erreur', role: 'presentation' }, e.message));
      liste.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
  }
  const relancer = () => { clearTimeout(minuterie); minuterie = setTimeout(chercher, ATTENTE_FRAPPE); };

  async function valider(i) {
    const o = options[i];
    if (!o) return;
    if (!o.creer) { choisir(o); return; }
    fermer();
    const cree = await creer(genre, o.creer);
    input.focus();
    if (cree) choisir(cree);
  }

  input.addEventListener('input', () => {
    if (choisi) { choisi = null; effacer.hidden = true; onchange?.(null); }
    relancer();
  });
  input.addEventListener('click', () => { if (!ouverte()) chercher(); });
  input.addEventListener('blur', () => {
    clearTimeout(minuterie);
    demande++; // une réponse encore en route n'ouvrira plus la liste
    fermer();
    if (choisi) afficherChoix();
  });
  input.addEventListener('keydown', (ev) => {
    const n = options.length;
    switch (ev.key) {
      case 'ArrowDown':
        ev.preventDefault();
        if (!ouverte()) chercher();
        else if (n) activer((active + 1) % n);
        break;
      case 'ArrowUp':
        ev.preventDefault();
        if (ouverte() && n) activer(active <= 0 ? n - 1 : active - 1);
        break;
      case 'Enter':
        if (ouverte()) { ev.preventDefault(); if (active >= 0) valider(active); }
        break;
      case 'Escape':
        if (ouverte()) { ev.preventDefault(); ev.stopPropagation(); fermer(); if (choisi) afficherChoix(); }
        break;
      default:
    }
  });
  effacer.addEventListener('click', () => { choisir(null); input.focus(); });

  /** Affiche la fiche `idFiche` (valeur initiale d'un formulaire) ; null : aucune. */
  async function definir(idFiche) {
    if (idFiche == null || idFiche === '') { choisi = null; afficherChoix(); return; }
    const t = await appeler('chercher', { genre, saisie: '', id: Number(idFiche) });
    choisi = t.resultats[0] ?? { id: Number(idFiche), libelle: `n° ${idFiche}`, contexte: '' };
    afficherChoix();
  }

  return { element, input, valeur: () => choisi?.id ?? null, definir };
}

/**
 * Plusieurs fiches d'un même genre : un sélecteur pour en ajouter une, et la liste des fiches
 * choisies, chacune avec son bouton « Retirer ». Rend { element, input, valeur(), definir(ids) }.
 */
export function selecteurMultiple({ id, genre, creation = false }) {
  let choisies = [];
  const puces = el('ul', { class: 'selecteur-puces', id: `${id}-choisies`, 'aria-label': 'Fiches choisies' });
  const dessiner = () => remplir(puces, choisies.map((f) => el('li', { class: 'selecteur-puce' },
    el('span', { title: f.contexte }, f.libelle),
    el('button', { type: 'button', class: 'selecteur-retirer', 'aria-label': `Retirer ${f.libelle}`, title: 'Retirer',
      onclick: () => { choisies = choisies.filter((x) => x.id !== f.id); dessiner(); annoncer(`${f.libelle} retiré.`); s.input.focus(); } }, '×'))));
  const s = selecteur({
    id, genre, creation,
    onchange: (fiche) => {
      if (!fiche) return;
      if (!choisies.some((x) => x.id === fiche.id)) choisies.push(fiche);
      dessiner();
      s.definir(null); // le champ se vide pour la fiche suivante
    },
  });
  s.input.placeholder = 'Tapez pour ajouter…';
  async function definir(ids) {
    const liste = (ids ?? []).map(Number);
    const lues = await Promise.all(liste.map((i) => appeler('chercher', { genre, saisie: '', id: i })));
    choisies = lues.map((t, n) => t.resultats[0] ?? { id: liste[n], libelle: `n° ${liste[n]}`, contexte: '' });
    dessiner();
  }
  return { element: el('div', { class: 'selecteur-multiple' }, puces, s.element), input: s.input,
    valeur: () => choisies.map((f) => f.id), definir };
}

/**
 * Ouvre le petit formulaire de création de `genre`, pré-rempli avec `texte` ; rend la fiche
 * créée ({ id, libelle, contexte }) ou null si l'utilisateur renonce.
 */
async function creer(genre, texte) {
  const def = CREATIONS[genre];
  if (!def) return null;
  // Import tardif : formulaire.js importe ce module.
  const [{ formulaire }, champs] = await Promise.all([import('./formulaire.js'), def.champs()]);
  const valeurs = valeursCreation(genre, texte);
  const dialogue = el('dialog', { class: 'selecteur-creation' });
  document.body.append(dialogue);
  return new Promise((resolve) => {
    let cree = null;
    const f = formulaire({
      id: 'selecteur-creation', titre: def.titre, libelleValider: 'Créer et choisir', champs, valeurs,
      enregistrer: async (saisie) => {
        const fiche = await appeler(def.commande, { saisie });
        const trouves = await appeler('chercher', { genre, saisie: '', id: fiche.id });
        cree = trouves.resultats[0] ?? { id: fiche.id, libelle: fiche[def.nom], contexte: '' };
        dialogue.close();
      },
      annuler: () => dialogue.close(),
    });
    dialogue.setAttribute('aria-labelledby', 'selecteur-creation--intitule');
    remplir(dialogue, f.element);
    dialogue.addEventListener('close', () => { dialogue.remove(); resolve(cree); }, { once: true });
    dialogue.showModal();
    // Le nom vient de la saisie : le curseur va au premier champ qui reste à remplir.
    f.focus(champs.find((c) => !valeurs[c.cle])?.cle);
  });
}
