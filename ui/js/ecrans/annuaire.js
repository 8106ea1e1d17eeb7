// Annuaire : établissements, organisations, personnes, bassins, la liste des académies et
// l'import de l'Annuaire de l'éducation (fichier officiel du ministère).

import { appeler, references, codes, libelleCode, nombre, taille, optionsAcademies } from '../api.js';
import { el, remplir, alerte, alerteErreur, annoncer } from '../dom.js';
import { suivreTravail, choisirFichier } from '../travail.js';
import { ecranListe } from '../liste.js';
import { afficherDonnees, sectionInactives, zoneDonnees } from '../donnees-personnelles.js';

const optionsBassins = async (academieId) => {
  if (!academieId) return [];
  const r = await appeler('lister_bassins', { filtre: { academie_id: academieId, limite: 1000 } });
  return r.lignes.map((b) => ({ code: b.id, libelle: b.nom }));
};

const ETABLISSEMENTS = {
  nom: 'etablissements', titre: 'Établissements', unite: ['établissement', 'établissements'],
  nouveau: 'Nouvel établissement', genre: 'm', demonstratif: 'cet',
  exempleRecherche: 'Nom, UAI, commune, bassin…',
  table: 'etablissement',
  commandes: { lister: 'lister_etablissements', creer: 'creer_etablissement', modifier: 'modifier_etablissement', supprimer: 'supprimer_etablissement' },
  colonnes: [
    // Un établissement que l'Annuaire de l'éducation dit fermé le montre à côté de son nom.
    { cle: 'nom', libelle: 'Nom', tri: 'nom', rendu: (l) => (l.etat === 'ferme'
      ? [l.nom, ' ', el('span', { class: 'etiquette' }, libelleCode('etats_etablissement', l.etat))]
      : l.nom) },
    { cle: 'uai', libelle: 'UAI', tri: 'uai' },
    { cle: 'type', libelle: 'Type', tri: 'type', rendu: (l) => libelleCode('types_etablissement', l.type) },
    { cle: 'commune', libelle: 'Commune', tri: 'commune' },
    { cle: 'bassin', libelle: 'Bassin', tri: 'bassin' },
    { cle: 'academie', libelle: 'Académie', tri: 'academie' },
  ],
  filtres: async () => [
    { cle: 'academie_id', libelle: 'Académie', tous: 'Toutes', numerique: true, options: await optionsAcademies(true) },
    { cle: 'type', libelle: 'Type', options: codes('types_etablissement') },
  ],
  champs: async () => [
    { cle: 'uai', libelle: 'Code UAI', requis: true, aide: '7 chiffres et une lettre clé, par exemple 0750654D' },
    { cle: 'nom', libelle: 'Nom', requis: true },
    { cle: 'type', libelle: 'Type', type: 'choix', requis: true, options: codes('types_etablissement') },
    { cle: 'commune', libelle: 'Commune' },
    { cle: 'academie_id', libelle: 'Académie', type: 'choix', requis: true, numerique: true, options: await optionsAcademies(true) },
    { cle: 'bassin_id', libelle: 'Bassin', type: 'choix', numerique: true, vide: '— Aucun —', dependDe: 'academie_id',
      options: (v) => optionsBassins(v.academie_id) },
  ],
  versSaisie: (l) => ({ uai: l.uai, nom: l.nom, type: l.type, commune: l.commune, academie_id: l.academie_id, bassin_id: l.bassin_id }),
  // Nature, statut, adresse… : tenus par l'import de l'Annuaire de l'éducation, libellés venus de Rust.
  enLecture: (l) => (l.annuaire_officiel.length === 0 ? null
    : el('section', { id: 'etablissements-officiel', class: 'fiche-lecture', 'aria-labelledby': 'etablissements-officiel-titre' },
      el('h3', { id: 'etablissements-officiel-titre' }, 'Selon l\'Annuaire de l\'éducation'),
      el('p', { class: 'compte' }, 'Mis à jour par l\'import du fichier officiel ; non modifiable ici.'),
      el('dl', { class: 'infos' }, l.annuaire_officiel.flatMap((i) => [el('dt', {}, i.libelle), el('dd', {}, i.valeur)])))),
  nomDe: (l) => l.nom,
};

const ORGANISATIONS = {
  nom: 'organisations', titre: 'Organisations', unite: ['organisation', 'organisations'],
  nouveau: 'Nouvelle organisation', genre: 'f', demonstratif: 'cette',
  exempleRecherche: 'Nom, secteur, commune, SIRET…',
  table: 'organisation',
  commandes: { lister: 'lister_organisations', creer: 'creer_organisation', modifier: 'modifier_organisation', supprimer: 'supprimer_organisation' },
  colonnes: [
    { cle: 'nom', libelle: 'Nom', tri: 'nom' },
    { cle: 'type', libelle: 'Type', tri: 'type', rendu: (l) => libelleCode('types_organisation', l.type) },
    { cle: 'secteur', libelle: 'Secteur', tri: 'secteur' },
    { cle: 'commune', libelle: 'Commune', tri: 'commune' },
    { cle: 'siret', libelle: 'SIRET', rendu: (l) => l.siret?.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1\u00a0$2\u00a0$3\u00a0$4') ?? '' },
  ],
  filtres: async () => [
    { cle: 'type', libelle: 'Type', options: codes('types_organisation') },
    { cle: 'secteur', libelle: 'Secteur', options: (await references()).secteurs.map((s) => ({ code: s, libelle: s })) },
  ],
  champs: async () => [
    { cle: 'nom', libelle: 'Nom', requis: true },
    { cle: 'type', libelle: 'Type', type: 'choix', requis: true, options: codes('types_organisation') },
    { cle: 'siret', libelle: 'SIRET', aide: '14 chiffres, facultatif' },
    { cle: 'secteur', libelle: 'Secteur d\'activité' },
    { cle: 'adresse', libelle: 'Adresse' },
    { cle: 'code_postal', libelle: 'Code postal' },
    { cle: 'commune', libelle: 'Commune' },
  ],
  versSaisie: (l) => ({ ...l, siret: l.siret ?? '' }),
  nomDe: (l) => l.nom,
  apresChangement: () => references(true),
};

const PERSONNES = {
  nom: 'personnes', titre: 'Personnes', unite: ['personne', 'personnes'],
  nouveau: 'Nouvelle personne', genre: 'f', demonstratif: 'cette',
  intro: 'Seules des coordonnées professionnelles sont enregistrées.',
  table: 'personne',
  commandes: { lister: 'lister_personnes', creer: 'creer_personne', modifier: 'modifier_personne', supprimer: 'supprimer_personne' },
  colonnes: [
    { cle: 'nom', libelle: 'Nom', tri: 'nom', rendu: (l) => `${l.nom} ${l.prenom}` },
    { cle: 'fonction', libelle: 'Fonction', tri: 'fonction' },
    { cle: 'rattachement', libelle: 'Organisation ou établissement', tri: 'rattachement' },
    { cle: 'email', libelle: 'Coordonnées', tri: 'email',
      rendu: (l) => el('span', { class: 'courriel' }, l.email, el('span', { class: 'second' }, l.telephone)) },
  ],
  exempleRecherche: 'Nom, fonction, courriel…',
  filtres: async () => [
    { cle: 'rattachement', libelle: 'Rattachement', options: codes('rattachements') },
  ],
  champs: async () => [
    { cle: 'civilite', libelle: 'Civilité', type: 'choix', vide: '— Non renseignée —', options: codes('civilites') },
    { cle: 'nom', libelle: 'Nom', requis: true },
    { cle: 'prenom', libelle: 'Prénom', requis: true },
    { cle: 'fonction', libelle: 'Fonction' },
    { cle: 'organisation_id', libelle: 'Organisation', type: 'selecteur', genre: 'organisation', creation: true,
      aide: 'ou bien un établissement, pas les deux' },
    { cle: 'etablissement_id', libelle: 'Établissement', type: 'selecteur', genre: 'etablissement', creation: true },
    { cle: 'email', libelle: 'Courriel professionnel', type: 'email', aide: 'exemple : prenom.nom@ac-lille.fr' },
    { cle: 'telephone', libelle: 'Téléphone professionnel', type: 'tel', aide: 'exemple : 03 21 45 67 89' },
  ],
  valeursNouveau: () => ({ civilite: null }),
  versSaisie: (l) => ({ ...l }),
  actionsLigne: [{ libelle: 'Données personnelles',
    faire: (l, outils) => afficherDonnees({ id: l.id, nom: `${l.prenom} ${l.nom}` }, outils.rafraichir) }],
  nomDe: (l) => `${l.prenom} ${l.nom}`,
};

const BASSINS = {
  nom: 'bassins', titre: 'Bassins d\'éducation et de formation', unite: ['bassin', 'bassins'],
  nouveau: 'Nouveau bassin', genre: 'm', demonstratif: 'ce',
  exempleRecherche: 'Nom du bassin ou de l\'académie',
  table: 'bassin',
  commandes: { lister: 'lister_bassins', creer: 'creer_bassin', modifier: 'modifier_bassin', supprimer: 'supprimer_bassin' },
  colonnes: [
    { cle: 'nom', libelle: 'Nom', tri: 'nom' },
    { cle: 'academie', libelle: 'Académie', tri: 'academie' },
    { cle: 'nb_etablissements', libelle: 'Établissements' },
  ],
  filtres: async () => [{ cle: 'academie_id', libelle: 'Académie', tous: 'Toutes', numerique: true, options: await optionsAcademies(true) }],
  champs: async () => [
    { cle: 'nom', libelle: 'Nom du bassin', requis: true },
    { cle: 'academie_id', libelle: 'Académie', type: 'choix', requis: true, numerique: true, options: await optionsAcademies(true) },
  ],
  versSaisie: (l) => ({ nom: l.nom, academie_id: l.academie_id }),
  nomDe: (l) => l.nom,
};

const ONGLETS = [
  ['etablissements', 'Établissements', ETABLISSEMENTS],
  ['organisations', 'Organisations', ORGANISATIONS],
  ['personnes', 'Personnes', PERSONNES],
  ['bassins', 'Bassins', BASSINS],
  ['academies', 'Académies', null],
  ['import', 'Importer', null],
];

export async function afficher(main, [onglet = 'etablissements']) {
  const zone = el('div');
  remplir(main,
    el('h1', {}, 'Annuaire'),
    el('nav', { class: 'sous-navigation', 'aria-label': 'Rubriques de l\'annuaire' },
      ONGLETS.map(([cle, libelle]) => el('a', { href: `#/annuaire/${cle}`, 'aria-current': cle === onglet ? 'page' : null }, libelle))),
    zone);
  const choisi = ONGLETS.find(([cle]) => cle === onglet) ?? ONGLETS[0];
  if (choisi[2] === PERSONNES) {
    remplir(zoneDonnees);
    const outils = await ecranListe(zone, PERSONNES);
    zone.append(zoneDonnees, sectionInactives(outils.rafraichir));
  } else if (choisi[2]) await ecranListe(zone, choisi[2]);
  else if (choisi[0] === 'import') ecranImport(zone, (await references()).academies);
  else afficherAcademies(zone, (await references()).academies);
}

function afficherAcademies(zone, academies) {
  remplir(zone,
    el('h2', {}, 'Académies'),
    el('p', {}, 'Liste nationale de référence, avec les codes officiels : elle ne se modifie pas dans Passerelle.'),
    el('table', { id: 'academies-table' },
      el('caption', { class: 'sr-only' }, 'Liste des académies'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Académie'), el('th', { scope: 'col' }, 'Code'))),
      el('tbody', {}, academies.map((a) => el('tr', {}, el('th', { scope: 'row' }, a.nom), el('td', {}, a.code))))));
}

/** Les comptes d'un import, en liste de définitions : « Créés 1 204 ». */
function comptes(r) {
  const lignes = [
    ['lignes', 'Lignes lues', r.lignes],
    ['crees', 'Créés', r.crees],
    ['mis_a_jour', 'Mis à jour', r.mis_a_jour],
    ['inchanges', 'Inchangés', r.inchanges],
    ['fermes', 'Fermés depuis le dernier import', r.fermes],
    r.academie ? ['hors_academie', 'Hors de l\'académie choisie', r.hors_academie] : null,
    r.academie_inconnue ? ['academie_inconnue', 'D\'une académie inconnue de Passerelle', r.academie_inconnue] : null,
    ['rejets', 'Lignes non importées', r.nb_rejets],
  ].filter(Boolean);
  return el('dl', { class: 'infos', id: 'annuaire-import-comptes' },
    lignes.map(([cle, t, n]) => [el('dt', {}, t), el('dd', { 'data-compte': cle }, nombre(n))]));
}

/** Une liste de messages (lignes non importées, avertissements), tronquée comme le cœur la rend. */
function messages(id, titre, liste, total) {
  if (!total) return null;
  return el('section', { id, 'aria-label': titre },
    el('h4', {}, `${titre} (${nombre(total)})`),
    el('ul', {}, liste.map((m) => el('li', {}, m)),
      total > liste.length ? el('li', {}, `… et ${nombre(total - liste.length)} autres.`) : null));
}

/**
 * L'onglet « Importer » : le fichier officiel fr-en-annuaire-education (CSV « ; »), une
 * académie ou toutes, « Contrôler sans importer » (rien n'est écrit) puis « Importer ».
 */
function ecranImport(zone, academies) {
  const academie = el('select', { id: 'annuaire-import-academie', 'aria-describedby': 'annuaire-import-academie-aide' },
    el('option', { value: '' }, 'Toutes les académies'),
    academies.map((a) => el('option', { value: a.code }, `${a.nom} (${a.code})`)));
  const nomFichier = el('span', { id: 'annuaire-import-nom' }, 'Aucun fichier choisi.');
  const resultat = el('div', { id: 'annuaire-import-resultat', 'aria-live': 'polite' });
  let rang = null;
  const controler = el('button', { type: 'button', id: 'annuaire-import-controler', class: 'secondaire', disabled: true,
    onclick: () => lancer(true) }, 'Contrôler sans importer');
  const importer = el('button', { type: 'button', id: 'annuaire-import-lancer', disabled: true,
    onclick: () => lancer(false) }, 'Importer');
  const lancer = async (essai) => {
    if (rang === null) return remplir(resultat, alerte('Choisissez d\'abord le fichier de l\'annuaire.', 'erreur'));
    controler.disabled = true;
    importer.disabled = true;
    try {
      const r = await suivreTravail(resultat, 'importer_annuaire_education',
        { rang, academie: academie.value || null, essai },
        { titre: essai ? 'Contrôle du fichier' : 'Import de l\'annuaire', quoi: 'lignes' });
      const titre = el('h3', { id: 'annuaire-import-titre', tabindex: '-1' }, essai
        ? 'Aperçu : rien n\'est encore enregistré'
        : 'Import terminé');
      remplir(resultat, alerte([
        titre,
        el('p', {}, `${r.perimetre[0].toUpperCase()}${r.perimetre.slice(1)} — ${r.format}.`),
        comptes(r),
        messages('annuaire-import-rejets', 'Lignes non importées', r.rejets, r.nb_rejets),
        r.fermes_cites.length
          ? el('section', { id: 'annuaire-import-fermes', 'aria-label': 'Établissements fermés encore cités' },
            el('h4', {}, `Fermés d'après le fichier et encore cités dans Passerelle (${nombre(r.fermes_cites.length)})`),
            el('ul', {}, r.fermes_cites.map((f) => el('li', {}, el('strong', {}, f.nom), ` (${f.uai}) : cité par ${f.usages.join(' et ')}`))))
          : null,
        messages('annuaire-import-avertissements', 'Avertissements', r.avertissements, r.nb_avertissements),
      ], 'succes'));
      titre.focus();
      annoncer(essai
        ? `Aperçu : ${nombre(r.crees)} créés, ${nombre(r.mis_a_jour)} mis à jour, ${nombre(r.inchanges)} inchangés.`
        : `Import terminé : ${nombre(r.crees)} créés, ${nombre(r.mis_a_jour)} mis à jour.`);
      if (!essai) await references(true);
    } catch (e) {
      remplir(resultat, alerteErreur(e));
    } finally {
      controler.disabled = false;
      importer.disabled = false;
    }
    return null;
  };
  const choisir = async () => {
    try {
      const f = await choisirFichier('csv');
      if (!f) return;
      rang = f.rang;
      nomFichier.textContent = `${f.nom} (${taille(f.taille)})`;
      controler.disabled = false;
      importer.disabled = false;
      remplir(resultat);
      controler.focus();
    } catch (e) {
      remplir(resultat, alerte(e.message, 'erreur'));
    }
  };
  remplir(zone,
    el('h2', {}, 'Importer l\'Annuaire de l\'éducation'),
    el('p', {}, 'Le fichier officiel « fr-en-annuaire-education » (CSV, séparateur « ; ») publié par le ministère : '
      + 'les établissements sont créés ou mis à jour par leur code UAI. Ce que vous avez saisi dans un champ que le '
      + 'fichier ne porte pas (le bassin, par exemple) est gardé. Une ligne au code UAI faux est signalée et n\'est pas importée.'),
    el('div', { class: 'barre-liste' },
      el('div', { class: 'champ' },
        el('button', { type: 'button', id: 'annuaire-import-choisir', class: 'secondaire', onclick: choisir }, 'Choisir le fichier…'),
        ' ', nomFichier),
      el('div', { class: 'champ' },
        el('label', { for: 'annuaire-import-academie' }, 'Académie'), academie,
        el('span', { class: 'aide', id: 'annuaire-import-academie-aide' }, 'Seules les lignes de cette académie sont importées.')),
      el('div', { class: 'champ' }, controler, ' ', importer)),
    resultat);
}
