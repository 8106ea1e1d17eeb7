// Réunions, communes aux groupes de suivi des conventions et aux comités (CLEE) : liste et
// création, actions de suivi, et l'écran d'une réunion (présences pointées vite, compte rendu
// par point, décisions, actions, documents).

import { appeler, dateFr, codes, libelleCode } from './api.js';
import { enregistrerFichier } from './travail.js';
import { el, remplir, tableau, alerte } from './dom.js';
import { formulaire } from './formulaire.js';
import { selecteur } from './selecteur.js';


/// Formulaire d'une action de suivi (depuis la fiche, ou décidée pendant une réunion).
function formulaireActionSuivi(id, titre, cadre, reunionId, apres, annuler) {
  return formulaire({
    id, titre, libelleValider: 'Ajouter l\'action',
    champs: [
      { cle: 'intitule', libelle: 'Action', requis: true },
      { cle: 'responsable_id', libelle: 'Responsable', type: 'selecteur', genre: 'personne', creation: true, aide: 'vide : à désigner' },
      { cle: 'echeance', libelle: 'Échéance', type: 'date' },
    ],
    enregistrer: async (saisie) => { await appeler('ajouter_action_suivi', { cadre, saisie: { ...saisie, reunion_id: reunionId } }); await apres(); },
    annuler,
  });
}

/// Réunions d'un cadre et formulaire pour en prévoir une. `lieux` : vrai pour choisir le lieu
/// dans l'annuaire (établissement ou organisation), faux pour un lieu écrit seulement ;
/// `conventions` : vrai pour rattacher la réunion à une convention.
export function blocReunions({ cadre, reunions, types, lieux, conventions, ouvrir, apres, annuler }) {
  const champs = [
    types ? { cle: 'type', libelle: 'Type de réunion', type: 'choix', requis: true, options: types } : null,
    { cle: 'date', libelle: 'Date', type: 'date', requis: true },
    { cle: 'heure', libelle: 'Heure', aide: 'ex. 14h30' },
    lieux ? { cle: 'etablissement_id', libelle: 'Lieu : établissement', type: 'selecteur', genre: 'etablissement', creation: true } : null,
    lieux ? { cle: 'organisation_id', libelle: 'ou entreprise, organisation', type: 'selecteur', genre: 'organisation', creation: true } : null,
    { cle: 'lieu', libelle: lieux ? 'Précision du lieu' : 'Lieu', aide: lieux ? 'salle, bâtiment… ou un lieu hors annuaire' : null },
    conventions ? { cle: 'convention_liee_id', libelle: 'Convention liée', type: 'selecteur', genre: 'convention' } : null,
  ].filter(Boolean);
  const form = formulaire({
    id: 'reunion-formulaire', titre: 'Prévoir une réunion', libelleValider: 'Enregistrer la réunion', champs,
    valeurs: types ? { type: types[0]?.code } : {},
    enregistrer: async (saisie) => { await appeler('creer_reunion', { cadre, saisie }); await apres(); },
    annuler,
  });
  return [
    tableau('reunions-table', ['Date', 'Heure', 'Réunion', 'Lieu', ''], reunions.map((r) => [dateFr(r.date), r.heure, libelleCode('types_reunion', r.type), r.lieu,
      el('button', { type: 'button', class: 'lien', 'aria-label': `Ouvrir la réunion du ${dateFr(r.date)}`, onclick: () => ouvrir(r.id) }, 'Ouvrir')]),
    'Aucune réunion enregistrée.'),
    form.element,
  ];
}

/// Actions de suivi d'un cadre (ouvertes et closes) et formulaire pour en ajouter une.
export function blocActionsSuivi({ cadre, actions, apres, annuler }) {
  const form = formulaireActionSuivi('action-suivi-formulaire', 'Ajouter une action de suivi', cadre, null, apres, annuler);
  return [
    tableau('actions-suivi-table', ['Action', 'Responsable', 'Échéance', 'Décidée le', 'État', ''], actions.map((a) => [
      a.intitule, a.responsable ?? '', dateFr(a.echeance), dateFr(a.decidee_le), a.close_le ? `close le ${dateFr(a.close_le)}` : 'ouverte',
      a.close_le ? '' : el('button', { type: 'button', class: 'lien', 'aria-label': `Clore l'action ${a.intitule}`,
        onclick: async () => { await appeler('clore_action_suivi', { id: a.id }); await apres(); } }, 'Clore')]),
    'Aucune action de suivi.'),
    form.element,
  ];
}

/// L'écran d'une réunion, dans `zone`. `documents` : les boutons d'export proposés, produits
/// par la commande `commandeExport` ; `complements(recharger)` : ce que le cadre ajoute sous le titre.
export async function afficherReunion(zone, reunionId, options) {
  const { documents, commandeExport = 'exporter_reunion', complements } = options;
  // Colonne qui situe chaque personne : collège d'un comité, membre ou invité d'un groupe de suivi…
  const qualite = options.qualite ?? { titre: 'Qualité', valeur: (p) => (p.invite ? 'Invité' : 'Membre') };
  const d = await appeler('detail_reunion', { id: reunionId });
  const recharger = () => afficherReunion(zone, reunionId, options);
  const message = el('div', { id: 'reunion-message', 'aria-live': 'polite' });
  const presences = d.presences.map((p) => {
    const choix = el('select', { id: `presence-${p.personne_id}`, 'aria-label': `Présence de ${p.nom}` },
      el('option', { value: '' }, '—'), codes('etats_presence').map(({ code, libelle }) => el('option', { value: code, selected: p.etat === code }, libelle)));
    choix.addEventListener('change', async () => {
      if (choix.value) await appeler('marquer_presence', { id: reunionId, personneId: p.personne_id, presence: choix.value });
    });
    return [p.nom, p.fonction, qualite.valeur(p), choix];
  });
  const points = d.points.map((p) => {
    const t = el('textarea', { id: `compte-rendu-${p.id}`, rows: 3 });
    t.value = p.compte_rendu;
    t.addEventListener('change', () => appeler('ecrire_compte_rendu', { id: p.id, texte: t.value }));
    return el('div', { class: 'champ' }, el('label', { for: t.id }, `${p.ordre}. ${p.intitule}`), t);
  });
  const nouveauPoint = el('input', { type: 'text', id: 'nouveau-point', 'aria-label': 'Nouveau point de l\'ordre du jour' });
  const nouvelleDecision = el('input', { type: 'text', id: 'nouvelle-decision', 'aria-label': 'Nouvelle décision' });
  const invite = selecteur({ id: 'nouvel-invite', genre: 'personne', creation: true });
  invite.input.setAttribute('aria-label', 'Inviter une personne de l\'annuaire');
  const formAction = formulaireActionSuivi('action-reunion-formulaire', 'Action décidée pendant la réunion', d.reunion.cadre, reunionId,
    recharger, () => remplir(zone));
  const r = d.reunion;
  remplir(zone,
    el('h3', { id: 'reunion-titre' }, `${libelleCode('types_reunion', r.type)} du ${dateFr(r.date)}${r.heure ? ` à ${r.heure}` : ''}${r.lieu ? `, ${r.lieu}` : ''}`),
    r.convention_liee ? el('p', {}, `Rattachée à la convention « ${r.convention_liee} ».`) : null,
    el('div', { class: 'actions' }, documents.map(([quoi, libelle], i) =>
      el('button', { type: 'button', id: `reunion-${quoi}`, class: i === 0 ? null : 'secondaire',
        onclick: () => enregistrerFichier(message, commandeExport, { id: reunionId, quoi }) }, libelle))),
    message,
    complements ? await complements(recharger, message) : null,
    el('h4', {}, 'Présences'),
    tableau('presences-table', ['Personne', 'Fonction', qualite.titre, 'Présence'], presences, 'Personne à pointer : ajoutez des membres ou des invités.'),
    el('div', { class: 'barre-liste' },
      el('button', { type: 'button', id: 'tous-presents', class: 'secondaire',
        onclick: async () => { await appeler('marquer_non_pointes_presents', { id: reunionId }); await recharger(); } }, 'Marquer présents les non-pointés'),
      invite.element,
      el('button', { type: 'button', id: 'inviter', class: 'secondaire', onclick: async () => {
        try {
          await appeler('inviter_a_reunion', { id: reunionId, personneId: invite.valeur() });
          await recharger();
        } catch (e) {
          remplir(message, alerte(e.message, 'erreur'));
        }
      } }, 'Inviter')),
    el('h4', {}, 'Ordre du jour et compte rendu'),
    d.points.length === 0 ? el('button', { type: 'button', id: 'reprendre-odj', class: 'secondaire',
      onclick: async () => { await appeler('reprendre_ordre_du_jour', { id: reunionId }); await recharger(); } }, 'Reprendre l\'ordre du jour proposé') : null,
    points,
    el('div', { class: 'barre-liste' }, nouveauPoint,
      el('button', { type: 'button', class: 'secondaire', onclick: async () => { await appeler('ajouter_point', { id: reunionId, intitule: nouveauPoint.value }); await recharger(); } }, 'Ajouter le point')),
    el('h4', {}, 'Décisions'),
    d.decisions.length ? el('ul', { id: 'decisions-liste' }, d.decisions.map((t) => el('li', {}, t))) : el('p', { class: 'vide' }, 'Aucune décision.'),
    el('div', { class: 'barre-liste' }, nouvelleDecision,
      el('button', { type: 'button', id: 'ajouter-decision', class: 'secondaire', onclick: async () => { await appeler('ajouter_decision', { id: reunionId, texte: nouvelleDecision.value }); await recharger(); } }, 'Ajouter la décision')),
    el('h4', {}, 'Actions décidées'),
    tableau('actions-reunion-table', ['Action', 'Responsable', 'Échéance'], d.actions.map((a) => [a.intitule, a.responsable ?? '', dateFr(a.echeance)]), 'Aucune action décidée.'),
    formAction.element);
  zone.scrollIntoView();
}
