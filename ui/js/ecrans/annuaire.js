// Annuaire : établissements, organisations, personnes, bassins et la liste des académies.

import { appeler, references, codes, libelleCode } from '../api.js';
import { el, remplir } from '../dom.js';
import { ecranListe } from '../liste.js';
import { afficherDonnees, sectionInactives, zoneDonnees } from '../donnees-personnelles.js';

const optionsAcademies = async () => (await references()).academies.map((a) => ({ code: a.id, libelle: `${a.nom} (${a.code})` }));
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
    { cle: 'nom', libelle: 'Nom', tri: 'nom' },
    { cle: 'uai', libelle: 'UAI', tri: 'uai' },
    { cle: 'type', libelle: 'Type', tri: 'type', rendu: (l) => libelleCode('types_etablissement', l.type) },
    { cle: 'commune', libelle: 'Commune', tri: 'commune' },
    { cle: 'bassin', libelle: 'Bassin', tri: 'bassin' },
    { cle: 'academie', libelle: 'Académie', tri: 'academie' },
  ],
  filtres: async () => [
    { cle: 'academie_id', libelle: 'Académie', tous: 'Toutes', numerique: true, options: await optionsAcademies() },
    { cle: 'type', libelle: 'Type', options: codes('types_etablissement') },
  ],
  champs: async () => [
    { cle: 'uai', libelle: 'Code UAI', requis: true, aide: '7 chiffres et une lettre clé, par exemple 0750654D' },
    { cle: 'nom', libelle: 'Nom', requis: true },
    { cle: 'type', libelle: 'Type', type: 'choix', requis: true, options: codes('types_etablissement') },
    { cle: 'commune', libelle: 'Commune' },
    { cle: 'academie_id', libelle: 'Académie', type: 'choix', requis: true, numerique: true, options: await optionsAcademies() },
    { cle: 'bassin_id', libelle: 'Bassin', type: 'choix', numerique: true, vide: '— Aucun —', dependDe: 'academie_id',
      options: (v) => optionsBassins(v.academie_id) },
  ],
  versSaisie: (l) => ({ uai: l.uai, nom: l.nom, type: l.type, commune: l.commune, academie_id: l.academie_id, bassin_id: l.bassin_id }),
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
      rendu: (l) => el('span', {}, l.email, el('span', { class: 'second' }, l.telephone)) },
  ],
  exempleRecherche: 'Nom, fonction, courriel, organisation…',
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
  filtres: async () => [{ cle: 'academie_id', libelle: 'Académie', tous: 'Toutes', numerique: true, options: await optionsAcademies() }],
  champs: async () => [
    { cle: 'nom', libelle: 'Nom du bassin', requis: true },
    { cle: 'academie_id', libelle: 'Académie', type: 'choix', requis: true, numerique: true, options: await optionsAcademies() },
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
