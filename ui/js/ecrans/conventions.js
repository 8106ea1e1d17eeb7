// Conventions : liste, fiche (clauses et dates dérivées), avenants.

import { appeler, dateFr, codes, libelleCode, taille, optionsAcademies } from '../api.js';
import { enregistrerFichier } from '../travail.js';
import { el, remplir, annoncer, tableau, alerte, confirmer } from '../dom.js';
import { ecranListe } from '../liste.js';
import { formulaire } from '../formulaire.js';
import { afficherReunion, blocActionsSuivi, blocReunions } from '../reunion.js';
import { blocHistorique } from '../historique.js';
const mois = (n) => (n % 12 === 0 ? `${n / 12} an${n > 12 ? 's' : ''}` : `${n} mois`);

const CONVENTIONS = {
  nom: 'conventions', titre: 'Conventions et accords-cadres', unite: ['convention', 'conventions'],
  nouveau: 'Nouvelle convention', genre: 'f', demonstratif: 'cette', exempleRecherche: 'Titre, partenaire…',
  table: 'convention',
  commandes: { lister: 'lister_conventions', creer: 'creer_convention', modifier: 'modifier_convention', supprimer: 'supprimer_convention' },
  colonnes: [
    { cle: 'titre', libelle: 'Titre', tri: 'titre' },
    { cle: 'type', libelle: 'Type', tri: 'type', rendu: (l) => libelleCode('types_convention', l.type) },
    { cle: 'statut', libelle: 'Statut', rendu: (l) => libelleCode('statuts_convention', l.statut) },
    { cle: 'date_effet', libelle: 'Effet', tri: 'effet', rendu: (l) => `${dateFr(l.date_effet)} (${mois(l.duree_mois)})` },
    { cle: 'echeance', libelle: 'Échéance', rendu: (l) => dateFr(l.echeance) },
    { cle: 'limite_preavis', libelle: 'Préavis jusqu\'au', rendu: (l) => (l.preavis_mois ? dateFr(l.limite_preavis) : '—') },
  ],
  filtres: async () => [
    { cle: 'statut', libelle: 'Statut', options: codes('statuts_convention') },
    { cle: 'type', libelle: 'Type', options: codes('types_convention') },
  ],
  champs: async () => [
    { cle: 'titre', libelle: 'Titre', requis: true },
    { cle: 'type', libelle: 'Type', type: 'choix', requis: true, options: codes('types_convention') },
    { cle: 'niveau', libelle: 'Niveau', type: 'choix', requis: true, options: codes('niveaux_convention') },
    { cle: 'academie_id', libelle: 'Académie', type: 'choix', numerique: true, vide: '— Aucune —', options: await optionsAcademies() },
    { cle: 'parent_id', libelle: 'Convention nationale déclinée', type: 'selecteur', genre: 'convention' },
    { cle: 'date_signature', libelle: 'Date de signature', type: 'date' },
    { cle: 'date_effet', libelle: 'Date d\'effet', type: 'date', requis: true },
    { cle: 'duree', libelle: 'Durée', requis: true, aide: 'en mois (60) ou en années (5 ans)' },
    { cle: 'renouvellement', libelle: 'Renouvellement', type: 'choix', requis: true, options: codes('renouvellements') },
    { cle: 'condition_renouvellement', libelle: 'Condition de renouvellement', type: 'zone' },
    { cle: 'preavis_mois', libelle: 'Préavis (mois)', type: 'nombre', aide: 'pour dénoncer ou ne pas renouveler' },
    { cle: 'evaluation_avant', libelle: 'Évaluation avant le', aide: 'JJ/MM de la dernière année, ex. 01/07' },
    { cle: 'reunions_par_an', libelle: 'Réunions du groupe de suivi par an', type: 'nombre', aide: 'vide : 2' },
    { cle: 'statut', libelle: 'Statut', type: 'choix', options: codes('statuts_convention'), vide: '— Inchangé —' },
    { cle: 'remplacee_par_id', libelle: 'Renouvelée par', type: 'selecteur', genre: 'convention', aide: 'la convention qui prend la suite' },
  ],
  valeursNouveau: () => ({ niveau: 'academique', renouvellement: 'aucun', statut: 'projet' }),
  versSaisie: (l) => ({
    ...l, date_signature: dateFr(l.date_signature), date_effet: dateFr(l.date_effet), duree: String(l.duree_mois),
    preavis_mois: String(l.preavis_mois), reunions_par_an: String(l.reunions_par_an), statut: null,
    evaluation_avant: l.evaluation_jour ? `${String(l.evaluation_jour).padStart(2, '0')}/${String(l.evaluation_mois).padStart(2, '0')}` : '',
  }),
  actionsLigne: [{ libelle: 'Fiche', faire: (l, outils) => afficherFiche(l, outils) }],
  nomDe: (l) => l.titre,
};

let zoneFiche = null;

async function afficherFiche(convention, outils) {
  const cadre = { genre: 'convention', id: convention.id };
  const [parties, articles, avenants, activite, membres, reunions, actionsSuivi] = await Promise.all([
    appeler('parties_convention', { id: convention.id }),
    appeler('articles_convention', { id: convention.id }),
    appeler('avenants_convention', { id: convention.id }),
    appeler('lister_actions_ipe', { filtre: { convention_id: convention.id, limite: 10 } }),
    appeler('membres_suivi', { id: convention.id }),
    appeler('reunions_du_cadre', { cadre }),
    appeler('actions_suivi', { cadre }),
  ]);
  const contrat = await appeler('contrat_convention', { id: convention.id });
  const statuts = await appeler('statuts_convention', { id: convention.id });
  const pieces = await appeler('pieces_convention', { id: convention.id });
  const [reunionsClee, actionsClee] = await Promise.all([
    appeler('reunions_liees_convention', { id: convention.id }),
    appeler('lister_actions_clee', { filtre: { convention_id: convention.id, limite: 50 } }),
  ]);
  const messagePiece = el('div', { id: 'piece-message', 'aria-live': 'polite' });
  // Le fichier est choisi dans le dialogue du système ; Rust le lit et le copie à côté de la base.
  const joindre = async () => {
    try {
      if (await appeler('ajouter_piece', { id: convention.id })) await rafraichir();
    } catch (e) {
      remplir(messagePiece, alerte(e.message, 'erreur'));
    }
  };
  const piecesJointes = [
    el('h3', {}, 'Pièces jointes'),
    tableau('pieces-table', ['Fichier', 'Taille', 'Ajouté le', ''], pieces.map((p) => [p.nom, taille(p.taille), dateFr(p.ajoutee_le),
      el('span', {},
        el('button', { type: 'button', class: 'lien', 'aria-label': `Ouvrir ${p.nom}`, onclick: () => appeler('ouvrir_piece', { id: p.id })
          .catch((e) => remplir(messagePiece, alerte(e.message, 'erreur'))) }, 'Ouvrir'),
        el('button', { type: 'button', class: 'lien', 'aria-label': `Retirer ${p.nom}`, onclick: async () => {
          if (!await confirmer('Retirer cette pièce jointe ?', `« ${p.nom} » sera retirée de la convention et son fichier supprimé du dossier des pièces jointes.`, 'Retirer')) return;
          try {
            await appeler('retirer_piece', { id: p.id });
            await rafraichir();
          } catch (e) {
            remplir(messagePiece, alerte(e.message, 'erreur'));
          }
        } }, 'Retirer'))]),
      'Aucune pièce jointe.'),
    el('p', { class: 'actions' },
      el('button', { type: 'button', id: 'piece-joindre', class: 'secondaire', onclick: joindre }, 'Joindre un fichier…'),
      el('span', { class: 'aide' }, ' PDF signé, annexe… (50 Mo au plus), copié dans le dossier « pieces-jointes » à côté de la base')),
    messagePiece,
  ];
  const rafraichir = async (c = convention) => { await outils.rafraichir(); await afficherFiche(c, outils); };
  const formPartie = formulaire({
    id: 'partie-formulaire', titre: 'Ajouter une partie', libelleValider: 'Ajouter la partie',
    champs: [
      { cle: 'organisation_id', libelle: 'Organisation (annuaire)', type: 'selecteur', genre: 'organisation', creation: true },
      { cle: 'libelle', libelle: 'ou nom de la partie', aide: 'ministère, académie…' },
      { cle: 'role', libelle: 'Rôle' },
      { cle: 'signataire_id', libelle: 'Signataire', type: 'selecteur', genre: 'personne', creation: true },
    ],
    enregistrer: async (saisie) => { await appeler('ajouter_partie', { id: convention.id, saisie }); await rafraichir(); },
    annuler: () => remplir(zoneFiche),
  });
  const formArticle = formulaire({
    id: 'article-formulaire', titre: 'Ajouter un article (axe)', libelleValider: 'Ajouter l\'article',
    champs: [
      { cle: 'titre', libelle: 'Titre (section)', aide: 'ex. Titre II – Formation' },
      { cle: 'numero', libelle: 'Numéro', type: 'nombre', aide: 'vide : le suivant' },
      { cle: 'intitule', libelle: 'Intitulé', requis: true },
      { cle: 'engagements', libelle: 'Engagements', type: 'zone' },
      { cle: 'indicateurs', libelle: 'Indicateurs', type: 'zone' },
    ],
    enregistrer: async (saisie) => { await appeler('ajouter_article', { id: convention.id, saisie }); await rafraichir(); },
    annuler: () => remplir(zoneFiche),
  });
  const formAvenant = formulaire({
    id: 'avenant-formulaire', titre: 'Ajouter un avenant', libelleValider: 'Ajouter l\'avenant',
    champs: [
      { cle: 'date', libelle: 'Date', type: 'date', requis: true },
      { cle: 'objet', libelle: 'Objet', requis: true },
      { cle: 'nouvelle_fin', libelle: 'Nouvelle date de fin', type: 'date', aide: 'si l\'avenant change la durée' },
    ],
    enregistrer: async (saisie) => {
      const c = await appeler('ajouter_avenant', { id: convention.id, saisie });
      await rafraichir(c);
      annoncer(`Avenant ajouté ; échéance au ${dateFr(c.echeance)}.`);
    },
    annuler: () => remplir(zoneFiche),
  });
  const formMembre = formulaire({
    id: 'membre-formulaire', titre: 'Ajouter un membre au groupe de suivi', libelleValider: 'Ajouter le membre',
    champs: [
      { cle: 'personne_id', libelle: 'Personne (annuaire)', type: 'selecteur', genre: 'personne', creation: true, requis: true },
      { cle: 'role', libelle: 'Rôle dans le groupe' },
    ],
    enregistrer: async (v) => { await appeler('ajouter_membre_suivi', { id: convention.id, personneId: v.personne_id, role: v.role }); await rafraichir(); },
    annuler: () => remplir(zoneFiche),
  });
  const dateDossier = el('input', { type: 'text', id: 'dossier-date', placeholder: 'JJ/MM/AAAA',
    value: reunions.filter((r) => r.date >= new Date().toISOString().slice(0, 10)).map((r) => dateFr(r.date))[0] ?? '' });
  const messageDossier = el('div', { id: 'dossier-message', 'aria-live': 'polite' });
  const preparer = () => enregistrerFichier(messageDossier, 'preparer_reunion', { id: convention.id, date: dateDossier.value }, 'Dossier de réunion enregistré');
  const annee = new Date().getFullYear();
  const formContrat = formulaire({
    id: 'contrat-formulaire', titre: 'Ajouter une action au contrat de progrès', libelleValider: 'Ajouter au contrat',
    champs: [
      { cle: 'annee', libelle: 'Année', type: 'nombre', requis: true },
      { cle: 'academie_id', libelle: 'Académie', type: 'choix', numerique: true, vide: '— Toutes —', options: await optionsAcademies() },
      { cle: 'action_prevue', libelle: 'Action prévue', requis: true },
      { cle: 'indicateur', libelle: 'Indicateur', requis: true },
      { cle: 'cible', libelle: 'Cible', type: 'nombre', requis: true },
      { cle: 'source', libelle: 'Valeur atteinte', type: 'choix', requis: true, options: codes('sources_indicateur') },
      { cle: 'realise', libelle: 'Valeur atteinte (si saisie)', type: 'nombre' },
    ],
    valeurs: { annee: String(annee), source: 'saisie' },
    enregistrer: async (saisie) => { await appeler('ajouter_ligne_contrat', { id: convention.id, saisie }); await rafraichir(); },
    annuler: () => remplir(zoneFiche),
  });
  const anneeBilan = el('input', { type: 'text', id: 'bilan-convention-annee', inputmode: 'numeric', value: String(annee), size: 6 });
  const messageBilan = el('div', { id: 'bilan-convention-message', 'aria-live': 'polite' });
  const contratEtBilan = [
    el('h3', {}, 'Contrat annuel de progrès'),
    tableau('contrat-table', ['Année', 'Académie', 'Action prévue', 'Indicateur', 'Cible', 'Atteint', 'Taux'],
      contrat.map((l) => [String(l.annee), l.academie ?? 'Toutes', l.action_prevue, l.indicateur, String(l.cible),
        l.realise == null ? '—' : `${l.realise}${l.source === 'saisie' ? '' : ' (calculé)'}`, l.taux == null ? '—' : `${l.taux} %`]),
      'Aucune action au contrat de progrès.'),
    formContrat.element,
    el('h3', {}, 'Bilan annuel de la convention'),
    el('div', { class: 'barre-liste' },
      el('div', { class: 'champ' }, el('label', { for: 'bilan-convention-annee' }, 'Année'), anneeBilan),
      el('button', { type: 'button', id: 'bilan-convention',
        onclick: () => enregistrerFichier(messageBilan, 'exporter_bilan_convention', { id: convention.id, annee: Number(anneeBilan.value) }, 'Bilan enregistré') },
      'Exporter le bilan (PDF)')),
    messageBilan,
  ];
  const suivi = [
    el('h3', {}, 'Groupe de suivi'),
    el('p', {}, `Au moins ${convention.reunions_par_an} réunion${convention.reunions_par_an > 1 ? 's' : ''} par an.`),
    tableau('membres-table', ['Membre', 'Fonction et structure', 'Rôle'], membres.map((m) => [m.nom, [m.fonction, m.rattachement].filter(Boolean).join(' – '), m.role]), 'Aucun membre.'),
    formMembre.element,
    blocReunions({ cadre, reunions, ouvrir: (id) => afficherReunion(zoneReunion, id, { documents: DOCUMENTS }),
      apres: () => rafraichir(), annuler: () => remplir(zoneFiche) }),
    el('h4', {}, 'Actions de suivi'),
    blocActionsSuivi({ cadre, actions: actionsSuivi, apres: () => rafraichir(), annuler: () => remplir(zoneFiche) }),
    el('h4', {}, 'Préparer une réunion'),
    el('p', {}, 'Le dossier (PDF) reprend la convention, les échéances, l\'activité depuis la dernière réunion, les actions ouvertes, un ordre du jour et la feuille d\'émargement.'),
    el('div', { class: 'barre-liste' },
      el('div', { class: 'champ' }, el('label', { for: 'dossier-date' }, 'Date de la réunion'), dateDossier),
      el('button', { type: 'button', id: 'dossier-preparer', onclick: preparer }, 'Préparer le dossier de réunion')),
    messageDossier,
  ];
  remplir(zoneFiche,
    el('h2', { id: 'fiche-titre' }, convention.titre),
    el('p', { id: 'fiche-dates' }, `Fin : ${dateFr(convention.fin)} · échéance en cours : ${dateFr(convention.echeance)}`,
      convention.preavis_mois ? ` · préavis jusqu'au ${dateFr(convention.limite_preavis)}` : '',
      convention.limite_evaluation ? ` · évaluation avant le ${dateFr(convention.limite_evaluation)}` : ''),
    el('p', { id: 'fiche-statuts' }, 'Statuts : ', statuts.map((x) => `${libelleCode('statuts_convention', x.statut)} le ${dateFr(x.date)}`).join(' ; '),
      convention.remplacee_par_id ? ' — renouvelée par une nouvelle convention (n° ' + convention.remplacee_par_id + ')' : ''),
    el('h3', {}, 'Parties'),
    tableau('parties-table', ['Partie', 'Rôle', 'Signataire'], parties.map((p) => [p.nom, p.role, p.signataire ?? '']), 'Aucune partie enregistrée.'),
    formPartie.element,
    el('h3', {}, 'Articles (axes)'),
    tableau('articles-table', ['N°', 'Titre', 'Intitulé', 'Engagements', 'Indicateurs'],
      articles.map((a) => [String(a.numero), a.titre, a.intitule, a.engagements, a.indicateurs]), 'Aucun article enregistré.'),
    formArticle.element,
    el('h3', {}, 'Avenants'),
    tableau('avenants-table', ['Date', 'Objet', 'Nouvelle fin'], avenants.map((a) => [dateFr(a.date), a.objet, dateFr(a.nouvelle_fin)]), 'Aucun avenant.'),
    formAvenant.element,
    piecesJointes,
    el('h3', {}, 'Activité liée'),
    el('p', { id: 'fiche-activite' }, `${activite.total} action${activite.total > 1 ? 's' : ''} IPE rattachée${activite.total > 1 ? 's' : ''} à cette convention.`),
    tableau('activite-table', ['Date', 'Action', 'IPE'], activite.lignes.map((a) => [dateFr(a.date), a.intitule, a.intervenants_noms]), ''),
    el('h4', {}, 'Comités locaux École-entreprise'),
    tableau('activite-clee-table', ['Date', 'Comité', 'Réunion ou action', 'Jeunes'], [
      ...reunionsClee.map((r) => [dateFr(r.date), el('a', { href: `#/clee/${r.cadre.id}` }, 'Fiche du comité'), libelleCode('types_reunion', r.type), '']),
      ...actionsClee.lignes.map((a) => [dateFr(a.date), el('a', { href: `#/clee/${a.comite_id}` }, a.comite), a.intitule, String(a.filles + a.garcons)]),
    ], 'Aucune réunion ni action de CLEE rattachée à cette convention.'),
    contratEtBilan,
    suivi,
    el('h3', {}, 'Historique'),
    await blocHistorique('convention', convention.id, convention.titre));
  zoneFiche.scrollIntoView();
}

let zoneReunion = null;
const DOCUMENTS = [['releve', 'Relevé de décisions (PDF)'], ['invitation', 'Invitation (.ics)'], ['emargement', 'Feuille d\'émargement (PDF)']];

export async function afficher(main, [id] = []) {
  const zone = el('div');
  zoneFiche = el('section', { id: 'fiche', 'aria-labelledby': 'fiche-titre' });
  zoneReunion = el('section', { id: 'reunion', 'aria-labelledby': 'reunion-titre' });
  remplir(main, el('h1', {}, 'Conventions'), zone, zoneFiche, zoneReunion);
  const ecran = await ecranListe(zone, CONVENTIONS);
  // Lien direct depuis le tableau de bord : #/conventions/4 ouvre la fiche.
  if (id && /^\d+$/.test(id)) await afficherFiche(await appeler('lire_convention', { id: Number(id) }), ecran);
}
