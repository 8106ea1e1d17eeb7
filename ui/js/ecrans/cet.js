// CET (conseillers entreprise pour l'École) : rubriques du module, registre et fiche d'un CET
// (mandats, jurys, participations), liste des CPC. Animations et outils ont leur fichier.

import { appeler, dateFr, codes, libelleCode, optionsAcademies } from '../api.js';
import { enregistrerFichier } from '../travail.js';
import { el, remplir, tableau } from '../dom.js';
import { ecranListe } from '../liste.js';
import { formulaire } from '../formulaire.js';
import { afficherAnimations } from './cet-animations.js';
import { afficherImportExport, afficherCampagne, afficherRetours } from './cet-outils.js';


/** Listes courtes dont les formulaires du module ont besoin (les fiches de l'annuaire se
 * choisissent dans des sélecteurs, voir selecteur.js). */
export async function listes() {
  const [cpc, secteurs] = await Promise.all([
    appeler('lister_cpc', { filtre: { limite: 500 } }),
    appeler('secteurs_cet'),
  ]);
  return {
    cpc: cpc.lignes.map((c) => ({ code: c.id, libelle: c.nom })),
    secteurs: secteurs.map((s) => ({ code: s, libelle: s })),
  };
}

const bassinsDe = async (academieId) => (academieId
  ? (await appeler('lister_bassins', { filtre: { academie_id: academieId, limite: 1000 } })).lignes.map((b) => ({ code: b.id, libelle: b.nom })) : []);

const REGISTRE = {
  nom: 'cet', titre: 'Registre', unite: ['CET', 'CET'],
  nouveau: 'Nouveau CET', genre: 'm', demonstratif: 'ce', exempleRecherche: 'Nom, secteur, organisation…',
  table: 'cet',
  commandes: { lister: 'lister_cet', creer: 'creer_cet', modifier: 'modifier_cet', supprimer: 'supprimer_cet' },
  colonnes: [
    { cle: 'nom', libelle: 'Conseiller', tri: 'nom', rendu: (l) => [`${l.nom} ${l.prenom}`, el('span', { class: 'second' }, l.employeur ?? '')] },
    { cle: 'secteur', libelle: 'Secteur et CPC', tri: 'secteur', rendu: (l) => [l.secteur, el('span', { class: 'second' }, l.cpc ?? '')] },
    { cle: 'organisation_proposante', libelle: 'Proposé par', tri: 'organisation', rendu: (l) => l.organisation_proposante ?? libelleCode('designations_cet', l.designation) },
    { cle: 'fin_mandat', libelle: 'Fin du mandat', tri: 'fin_mandat', rendu: (l) => [dateFr(l.fin_mandat), el('span', { class: 'second' }, libelleCode('etats_mandat', l.etat_mandat))] },
    { cle: 'derniere_participation', libelle: 'Dernière animation', rendu: (l) => dateFr(l.derniere_participation) || 'aucune' },
  ],
  filtres: async () => {
    const l = await listes();
    const bassins = (await appeler('lister_bassins', { filtre: { limite: 1000 } })).lignes;
    return [
      { cle: 'secteur', libelle: 'Secteur', options: l.secteurs },
      { cle: 'cpc_id', libelle: 'CPC', numerique: true, tous: 'Toutes', options: l.cpc },
      { cle: 'organisation_id', libelle: 'Organisation', genre: 'organisation' },
      { cle: 'academie_id', libelle: 'Académie', numerique: true, tous: 'Toutes', options: await optionsAcademies() },
      { cle: 'bassin_id', libelle: 'Bassin', numerique: true, options: bassins.map((b) => ({ code: b.id, libelle: b.nom })) },
      { cle: 'etat_mandat', libelle: 'Mandat', options: codes('etats_mandat') },
      { cle: 'inactif_depuis_ans', libelle: 'Sans participation depuis', numerique: true, tous: '—', options: [1, 2, 3, 5].map((n) => ({ code: n, libelle: `${n} an${n > 1 ? 's' : ''}` })) },
    ];
  },
  champs: async () => {
    const l = await listes();
    return [
      { cle: 'personne_id', libelle: 'Personne (annuaire)', type: 'selecteur', genre: 'personne', creation: true, requis: true, aide: 'nom, prénom ou courriel' },
      { cle: 'statut_pro', libelle: 'Statut professionnel', type: 'choix', requis: true, options: codes('statuts_pro_cet') },
      { cle: 'employeur_id', libelle: 'Employeur', type: 'selecteur', genre: 'organisation', creation: true },
      { cle: 'secteur', libelle: 'Secteur professionnel' },
      { cle: 'cpc_id', libelle: 'CPC', type: 'choix', numerique: true, vide: '— Non renseignée —', options: l.cpc },
      { cle: 'specialites', libelle: 'Spécialités, diplômes concernés', type: 'zone' },
      { cle: 'designation', libelle: 'Désigné sur proposition de', type: 'choix', requis: true, options: codes('designations_cet') },
      { cle: 'organisation_proposante_id', libelle: 'Organisation qui l\'a proposé', type: 'selecteur', genre: 'organisation', creation: true },
      { cle: 'academie_id', libelle: 'Académie', type: 'choix', requis: true, numerique: true, options: await optionsAcademies() },
      { cle: 'bassin_id', libelle: 'Bassin', type: 'choix', numerique: true, vide: '— Aucun —', dependDe: 'academie_id', options: (v) => bassinsDe(v.academie_id) },
      { cle: 'missions', libelle: 'Missions', type: 'multiple', options: codes('missions_cet'), aide: 'Ctrl + clic pour en choisir plusieurs' },
      { cle: 'etablissement_ids', libelle: 'Établissements de référence', type: 'selecteurs', genre: 'etablissement', creation: true },
      { cle: 'date_arrete', libelle: 'Arrêté de nomination du', type: 'date', aide: 'premier mandat ; les renouvellements se font sur la fiche' },
      { cle: 'debut_mandat', libelle: 'Début du mandat', type: 'date' },
      { cle: 'fin_mandat', libelle: 'Fin du mandat', type: 'date' },
    ];
  },
  valeursNouveau: () => ({ designation: 'organisation_professionnelle' }),
  versSaisie: (l) => ({ ...l, date_arrete: dateFr(l.date_arrete), debut_mandat: dateFr(l.debut_mandat), fin_mandat: dateFr(l.fin_mandat) }),
  actionsLigne: [{ libelle: 'Fiche', faire: (l, outils) => afficherFiche(l.id, outils) }],
  nomDe: (l) => `${l.prenom} ${l.nom}`,
};

const CPC = {
  nom: 'cpc', titre: 'Commissions professionnelles consultatives (CPC)', unite: ['CPC', 'CPC'],
  nouveau: 'Nouvelle CPC', genre: 'f', demonstratif: 'cette', exempleRecherche: 'Nom de la CPC',
  intro: 'Liste de référence du registre, à tenir à jour quand les CPC changent.',
  table: 'cpc',
  commandes: { lister: 'lister_cpc', creer: 'creer_cpc', modifier: 'modifier_cpc', supprimer: 'supprimer_cpc' },
  colonnes: [{ cle: 'nom', libelle: 'CPC', tri: 'nom' }, { cle: 'cet', libelle: 'CET rattachés' }],
  champs: async () => [{ cle: 'nom', libelle: 'Nom de la CPC', requis: true }],
  versSaisie: (l) => ({ nom: l.nom }),
  nomDe: (l) => l.nom,
};

let zoneFiche = null;

async function afficherFiche(id, outils) {
  const [x, mandats, jurys, participations] = await Promise.all([
    appeler('lire_cet', { id }), appeler('mandats_cet', { id }), appeler('jurys_cet', { id }), appeler('participations_cet', { id }),
  ]);
  const recharger = async () => { await outils?.rafraichir(); await afficherFiche(id, outils); };
  const fermer = () => remplir(zoneFiche);
  const formMandat = formulaire({
    id: 'mandat-formulaire', titre: 'Renouveler le mandat', libelleValider: 'Ajouter le mandat',
    champs: [
      { cle: 'date_arrete', libelle: 'Arrêté du', type: 'date' },
      { cle: 'debut_mandat', libelle: 'Début', type: 'date', requis: true },
      { cle: 'fin_mandat', libelle: 'Fin', type: 'date', requis: true },
    ],
    // Les erreurs du cœur portent sur debut_mandat et fin_mandat : mêmes noms ici, pour les afficher sous le champ.
    enregistrer: async (v) => {
      await appeler('ajouter_mandat_cet', { id, saisie: { date_arrete: v.date_arrete, debut: v.debut_mandat, fin: v.fin_mandat } });
      await recharger();
    },
    annuler: fermer,
  });
  const formJury = formulaire({
    id: 'jury-formulaire', titre: 'Ajouter une participation à un jury', libelleValider: 'Ajouter',
    champs: [
      { cle: 'session', libelle: 'Session', requis: true, aide: 'ex. Session 2026' },
      { cle: 'diplome', libelle: 'Diplôme', requis: true },
      { cle: 'date', libelle: 'Date', type: 'date', requis: true },
    ],
    enregistrer: async (saisie) => { await appeler('ajouter_jury_cet', { id, saisie }); await recharger(); },
    annuler: fermer,
  });
  const message = el('div', { id: 'cet-fiche-message', 'aria-live': 'polite' });
  remplir(zoneFiche,
    el('h2', { id: 'fiche-titre' }, `${x.civilite} ${x.prenom} ${x.nom}`.trim()),
    el('p', { id: 'fiche-resume' }, [libelleCode('statuts_pro_cet', x.statut_pro), x.employeur, x.secteur, x.cpc ? `CPC ${x.cpc}` : null, x.academie, x.bassin].filter(Boolean).join(' · ')),
    el('p', {}, `Proposé par : ${x.organisation_proposante ?? libelleCode('designations_cet', x.designation)}`,
      x.email ? ` · ${x.email}` : '', x.telephone ? ` · ${x.telephone}` : ''),
    x.missions.length ? el('p', {}, `Missions : ${x.missions.map((m) => libelleCode('missions_cet', m)).join(', ')}`) : null,
    x.specialites ? el('p', {}, `Spécialités : ${x.specialites}`) : null,
    x.etablissements ? el('p', {}, `Établissements de référence : ${x.etablissements}`) : null,
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'avis-employeur', class: 'secondaire',
        onclick: () => enregistrerFichier(message, 'exporter_avis_employeur', { id }, 'Avis à l\'employeur enregistré') }, 'Avis de nomination à l\'employeur (PDF)')),
    message,
    el('h3', {}, 'Mandats'),
    tableau('mandats-table', ['Arrêté du', 'Début', 'Fin'], mandats.map((m) => [dateFr(m.date_arrete) || '—', dateFr(m.debut), dateFr(m.fin)]), 'Aucun mandat.'),
    formMandat.element,
    el('h3', {}, 'Participation aux animations'),
    tableau('participations-table', ['Date', 'Animation', 'Thème', 'Présence'],
      participations.map((p) => [dateFr(p.date), p.type_, p.theme, { present: 'Présent', excuse: 'Excusé', absent: 'Absent' }[p.etat] ?? 'invité']),
      'Aucune participation enregistrée.'),
    el('h3', {}, 'Jurys d\'examens'),
    tableau('jurys-table', ['Session', 'Diplôme', 'Date'], jurys.map((j) => [j.session, j.diplome, dateFr(j.date)]), 'Aucun jury.'),
    formJury.element);
  zoneFiche.scrollIntoView();
}

const ONGLETS = [
  ['registre', 'Registre'], ['animations', 'Animations'], ['import', 'Import et export'], ['campagne', 'Campagne de renouvellement'],
  ['retours', 'Retours et bilan'], ['cpc', 'CPC'],
];

export async function afficher(main, [onglet = 'registre', ...reste] = []) {
  // #/cet/12 ouvre la fiche du CET n° 12 ; #/cet/0, le registre des mandats à renouveler.
  const numero = /^\d+$/.test(onglet) ? Number(onglet) : null;
  const choisi = numero !== null ? 'registre' : onglet;
  const zone = el('div');
  zoneFiche = el('section', { id: 'fiche', 'aria-labelledby': 'fiche-titre' });
  remplir(main,
    el('h1', {}, 'Conseillers entreprise pour l\'École (CET)'),
    el('nav', { class: 'sous-navigation', 'aria-label': 'Rubriques des CET' },
      ONGLETS.map(([cle, texte]) => el('a', { href: `#/cet/${cle}`, 'aria-current': cle === choisi ? 'page' : null }, texte))),
    zone, zoneFiche);
  if (choisi === 'animations') return afficherAnimations(zone, reste);
  if (choisi === 'import') return afficherImportExport(zone);
  if (choisi === 'campagne') return afficherCampagne(zone);
  if (choisi === 'retours') return afficherRetours(zone);
  if (choisi === 'cpc') return ecranListe(zone, CPC);
  const ecran = await ecranListe(zone, REGISTRE);
  if (numero === 0) {
    const filtre = document.getElementById('cet-filtre-etat_mandat');
    filtre.value = 'fin_proche';
    filtre.dispatchEvent(new Event('change'));
  } else if (numero) {
    await afficherFiche(numero, ecran);
  }
}
