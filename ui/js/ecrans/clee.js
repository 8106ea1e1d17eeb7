// CLEE : liste des comités, fiche (membres par collège, réunions, actions de suivi, actions vers
// les élèves), écran d'une réunion et bilan annuel par année scolaire.

import { appeler, dateFr, nombre, anneeScolaire, codes, libelleCode, optionsAcademies } from '../api.js';
import { enregistrerFichier } from '../travail.js';
import { el, remplir, tableau, confirmer, alerte, listeDeroulante } from '../dom.js';
import { ecranListe } from '../liste.js';
import { formulaire } from '../formulaire.js';
import { afficherReunion, blocActionsSuivi, blocReunions } from '../reunion.js';

const QUALITE = { titre: 'Collège', valeur: (p) => (p.invite ? 'Invité' : libelleCode('colleges', p.college)) };
const DOCUMENTS = [['compte-rendu', 'Compte rendu (PDF)'], ['convocation', 'Convocation (PDF)'], ['invitation', 'Invitation (.ics)'], ['emargement', 'Feuille d\'émargement (PDF)']];

const COMITES = {
  nom: 'comites', titre: 'Comités', unite: ['comité', 'comités'],
  nouveau: 'Nouveau comité', genre: 'm', demonstratif: 'ce', exempleRecherche: 'Nom, bassin, partenaire…',
  intro: 'Un comité local École-entreprise par bassin d\'éducation et de formation, co-piloté par un chef d\'établissement et un chef d\'entreprise.',
  table: 'comite_clee',
  commandes: { lister: 'lister_comites', creer: 'creer_comite', modifier: 'modifier_comite', supprimer: 'supprimer_comite' },
  colonnes: [
    { cle: 'nom', libelle: 'Comité', tri: 'nom' },
    { cle: 'bassins', libelle: 'Bassins et académie', tri: 'academie', rendu: (l) => [l.bassins, el('span', { class: 'second' }, l.academie)] },
    { cle: 'copilotes', libelle: 'Co-pilotes', rendu: (l) => [l.copilote_education, l.copilote_entreprise].filter(Boolean).join(' et ') },
    { cle: 'membres', libelle: 'Membres', rendu: (l) => nombre(l.membres) },
    { cle: 'derniere_reunion', libelle: 'Dernière réunion', rendu: (l) => dateFr(l.derniere_reunion) || '—' },
    { cle: 'statut', libelle: 'Statut', tri: 'statut', rendu: (l) => libelleCode('statuts_comite', l.statut) },
  ],
  filtres: async () => [
    { cle: 'academie_id', libelle: 'Académie', numerique: true, tous: 'Toutes', options: await optionsAcademies() },
    { cle: 'statut', libelle: 'Statut', options: codes('statuts_comite') },
  ],
  champs: async () => {
    return [
      { cle: 'nom', libelle: 'Nom du comité', requis: true },
      { cle: 'academie_id', libelle: 'Académie', type: 'choix', requis: true, numerique: true, options: await optionsAcademies() },
      { cle: 'bassin_ids', libelle: 'Bassins', type: 'multiple', requis: true, numerique: true, dependDe: 'academie_id', aide: 'Ctrl + clic pour en choisir plusieurs',
        options: async (v) => (v.academie_id ? (await appeler('lister_bassins', { filtre: { academie_id: v.academie_id, limite: 1000 } })).lignes.map((b) => ({ code: b.id, libelle: b.nom })) : []) },
      { cle: 'etablissement_support_id', libelle: 'Établissement support', type: 'selecteur', genre: 'etablissement', creation: true },
      { cle: 'copilote_education_id', libelle: 'Co-pilote (École)', type: 'selecteur', genre: 'personne', creation: true, aide: 'un chef d\'établissement' },
      { cle: 'copilote_entreprise_id', libelle: 'Co-pilote (entreprise)', type: 'selecteur', genre: 'personne', creation: true, aide: 'un chef d\'entreprise' },
      { cle: 'date_charte', libelle: 'Date de la charte', type: 'date' },
      { cle: 'statut', libelle: 'Statut', type: 'choix', options: codes('statuts_comite'), vide: '— Actif —' },
      { cle: 'partenaires', libelle: 'Partenaires', type: 'zone', aide: 'pôle de stages, collectivités, chambres consulaires…' },
    ];
  },
  versSaisie: (l) => ({ ...l, date_charte: dateFr(l.date_charte) }),
  actionsLigne: [{ libelle: 'Fiche', faire: (l, outils) => afficherFiche(l, outils) }],
  nomDe: (l) => l.nom,
};

let zoneFiche = null;
let zoneReunion = null;

async function afficherFiche(comite, outils) {
  const cadre = { genre: 'comite', id: comite.id };
  const [membres, reunions, suivi, actions] = await Promise.all([
    appeler('membres_comite', { id: comite.id }),
    appeler('reunions_du_cadre', { cadre }),
    appeler('actions_suivi', { cadre }),
    appeler('lister_actions_clee', { filtre: { comite_id: comite.id, limite: 500 } }),
  ]);
  const rafraichir = async () => { await outils.rafraichir(); await afficherFiche(await appeler('lire_comite', { id: comite.id }), outils); };
  const fermer = () => remplir(zoneFiche);
  const messageMembres = el('div', { id: 'membres-message', 'aria-live': 'polite' });
  const formMembre = formulaire({
    id: 'membre-formulaire', titre: 'Ajouter un membre', libelleValider: 'Ajouter le membre',
    champs: [
      { cle: 'personne_id', libelle: 'Personne (annuaire)', type: 'selecteur', genre: 'personne', creation: true, requis: true },
      { cle: 'college', libelle: 'Collège', type: 'choix', requis: true, options: codes('colleges') },
      { cle: 'role', libelle: 'Rôle', aide: 'ex. référent pôle de stages' },
    ],
    enregistrer: async (saisie) => { await appeler('ajouter_membre_comite', { id: comite.id, saisie }); await rafraichir(); },
    annuler: fermer,
  });
  const retirer = async (m) => {
    if (!await confirmer('Retirer ce membre ?', `${m.nom} ne sera plus membre du comité ; ses présences passées restent.`, 'Retirer')) return;
    try {
      await appeler('retirer_membre_comite', { id: m.id });
      await rafraichir();
    } catch (e) {
      remplir(messageMembres, alerte(e.message, 'erreur'));
    }
  };
  const formAction = formulaire({
    id: 'action-clee-formulaire', titre: 'Ajouter une action vers les élèves et les équipes', libelleValider: 'Ajouter l\'action',
    champs: [
      { cle: 'date', libelle: 'Date', type: 'date', requis: true },
      { cle: 'type', libelle: 'Type', type: 'choix', requis: true, options: codes('types_action_clee') },
      { cle: 'intitule', libelle: 'Intitulé', requis: true },
      { cle: 'filles', libelle: 'Élèves : filles', type: 'nombre' },
      { cle: 'garcons', libelle: 'Élèves : garçons', type: 'nombre' },
      { cle: 'enseignants', libelle: 'Enseignants', type: 'nombre' },
      { cle: 'etablissement_ids', libelle: 'Établissements', type: 'selecteurs', genre: 'etablissement', creation: true },
      { cle: 'organisation_ids', libelle: 'Entreprises et organisations', type: 'selecteurs', genre: 'organisation', creation: true },
      { cle: 'convention_id', libelle: 'Convention liée', type: 'selecteur', genre: 'convention' },
    ],
    enregistrer: async (saisie) => { await appeler('creer_action_clee', { saisie: { ...saisie, comite_id: comite.id } }); await rafraichir(); },
    annuler: fermer,
  });
  const annee = el('input', { type: 'text', id: 'bilan-clee-annee', value: anneeScolaire(), size: 10, 'aria-describedby': 'bilan-clee-aide' });
  const messageBilan = el('div', { id: 'bilan-clee-message', 'aria-live': 'polite' });
  remplir(zoneFiche,
    el('h2', { id: 'fiche-titre' }, comite.nom),
    el('p', { id: 'fiche-resume' }, `${comite.academie} · ${comite.bassins || 'aucun bassin'} · ${libelleCode('statuts_comite', comite.statut)}`,
      comite.etablissement_support ? ` · support : ${comite.etablissement_support}` : '',
      comite.date_charte ? ` · charte du ${dateFr(comite.date_charte)}` : ''),
    comite.partenaires ? el('p', {}, `Partenaires : ${comite.partenaires}`) : null,
    el('h3', {}, 'Membres par collège'),
    messageMembres,
    tableau('membres-table', ['Collège', 'Membre', 'Fonction et structure', 'Rôle', ''], membres.map((m) => [libelleCode('colleges', m.college), m.nom, m.fonction, m.role,
      el('button', { type: 'button', class: 'lien', 'aria-label': `Retirer ${m.nom}`, onclick: () => retirer(m) }, 'Retirer')]), 'Aucun membre.'),
    formMembre.element,
    el('h3', {}, 'Réunions'),
    blocReunions({ cadre, reunions, types: codes('types_reunion_comite'), lieux: true, conventions: true,
      ouvrir: (id) => afficherReunion(zoneReunion, id, { documents: DOCUMENTS, qualite: QUALITE }),
      apres: rafraichir, annuler: fermer }),
    el('h3', {}, 'Actions de suivi'),
    el('p', {}, 'Une action ouverte revient à l\'ordre du jour de chaque réunion jusqu\'à sa clôture.'),
    blocActionsSuivi({ cadre, actions: suivi, apres: rafraichir, annuler: fermer }),
    el('h3', {}, 'Actions vers les élèves et les équipes'),
    tableau('actions-clee-table', ['Date', 'Type', 'Action', 'Filles', 'Garçons', 'Enseignants', 'Partenaires'],
      actions.lignes.map((x) => [dateFr(x.date), libelleCode('types_action_clee', x.type), x.intitule, nombre(x.filles), nombre(x.garcons), nombre(x.enseignants), x.organisations]),
      'Aucune action enregistrée.'),
    formAction.element,
    el('h3', {}, 'Bilan annuel du comité'),
    el('div', { class: 'barre-liste' },
      el('div', { class: 'champ' }, el('label', { for: 'bilan-clee-annee' }, 'Année scolaire', el('span', { class: 'aide', id: 'bilan-clee-aide' }, 'ex. 2025-2026')), annee),
      el('button', { type: 'button', id: 'bilan-clee-comite',
        onclick: () => enregistrerFichier(messageBilan, 'exporter_bilan_clee', { anneeScolaire: annee.value, comiteId: comite.id }, 'Bilan enregistré') },
      'Exporter le bilan (PDF)')),
    messageBilan);
  remplir(zoneReunion);
  zoneFiche.scrollIntoView();
}

/** Bilan de tous les comités d'une académie, affiché puis exporté. */
async function sectionBilan() {
  const choix = listeDeroulante({ id: 'bilan-academie' }, await optionsAcademies());
  const avecComites = (await appeler('lister_comites', { filtre: { limite: 1 } })).lignes[0];
  if (avecComites) choix.value = String(avecComites.academie_id);
  const annee = el('input', { type: 'text', id: 'bilan-annee', value: anneeScolaire(), size: 10 });
  const resultat = el('div', { id: 'bilan-resultat', 'aria-live': 'polite' });
  const args = () => ({ anneeScolaire: annee.value, academieId: Number(choix.value) });
  const afficherBilan = async () => {
    try {
      const b = await appeler('bilan_clee', args());
      remplir(resultat,
        el('p', {}, `${b.perimetre}, ${b.annee_scolaire} : ${b.comites.length} comité(s), ${b.reunions.length} réunion(s) tenue(s).`),
        tableau('assiduite-table', ['Collège', 'Présents', 'Excusés', 'Absents', 'Taux de présence'],
          b.assiduite.map((x) => [x.college, nombre(x.presents), nombre(x.excuses), nombre(x.absents), x.taux == null ? '—' : `${x.taux} %`]), ''),
        tableau('actions-bilan-table', ['Type d\'action', 'Actions', 'Filles', 'Garçons', 'Enseignants'],
          b.actions.map((x) => [x.type_, nombre(x.actions), nombre(x.filles), nombre(x.garcons), nombre(x.enseignants)]), ''),
        el('p', {}, `${b.ouvertes.length} action(s) de suivi ouverte(s) en fin d'année.`));
    } catch (e) {
      remplir(resultat, alerte(e.message, 'erreur'));
    }
  };
  const message = el('div', { id: 'bilan-message', 'aria-live': 'polite' });
  return el('section', { 'aria-labelledby': 'bilan-titre' },
    el('h2', { id: 'bilan-titre' }, 'Bilan annuel des comités d\'une académie'),
    el('div', { class: 'barre-liste' },
      el('div', { class: 'champ' }, el('label', { for: 'bilan-academie' }, 'Académie'), choix),
      el('div', { class: 'champ' }, el('label', { for: 'bilan-annee' }, 'Année scolaire'), annee),
      el('button', { type: 'button', id: 'bilan-afficher', class: 'secondaire', onclick: afficherBilan }, 'Afficher'),
      el('button', { type: 'button', id: 'bilan-exporter', onclick: () => enregistrerFichier(message, 'exporter_bilan_clee', args(), 'Bilan enregistré') }, 'Exporter le bilan (PDF)')),
    message, resultat);
}

export async function afficher(main, [id] = []) {
  const zone = el('div');
  zoneFiche = el('section', { id: 'fiche', 'aria-labelledby': 'fiche-titre' });
  zoneReunion = el('section', { id: 'reunion', 'aria-labelledby': 'reunion-titre' });
  remplir(main, el('h1', {}, 'Comités locaux École-entreprise (CLEE)'), zone, zoneFiche, zoneReunion, await sectionBilan());
  const ecran = await ecranListe(zone, COMITES);
  if (id && /^\d+$/.test(id)) await afficherFiche(await appeler('lire_comite', { id: Number(id) }), ecran);
}
