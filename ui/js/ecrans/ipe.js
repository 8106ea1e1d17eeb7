// IPE : les actions (saisie en série, duplication), le registre des IPE et leurs missions, l'import CSV.

import { appeler, nombre, quantite, dateFr, codes, taille, optionsAcademies } from '../api.js';
import { suivreTravail, choisirFichier } from '../travail.js';
import { el, remplir, alerte, alerteErreur, annoncer, confirmer } from '../dom.js';
import { ecranListe } from '../liste.js';
import { formulaire } from '../formulaire.js';

const optionsThemes = async () => (await appeler('lister_themes_ipe')).map((t) => ({ code: t.id, libelle: t.libelle }));
const annees = () => {
  const courante = new Date().getFullYear();
  return Array.from({ length: 25 }, (_, i) => courante - i).map((a) => ({ code: a, libelle: String(a) }));
};

const ACTIONS = {
  nom: 'actions', titre: 'Actions des IPE', unite: ['action', 'actions'], nouveau: 'Nouvelle action',
  genre: 'f', demonstratif: 'cette', exempleRecherche: 'Intitulé, description…',
  table: 'action_ipe',
  commandes: { lister: 'lister_actions_ipe', creer: 'creer_action_ipe', modifier: 'modifier_action_ipe', supprimer: 'supprimer_action_ipe' },
  colonnes: [
    { cle: 'date', libelle: 'Date', tri: 'date', rendu: (l) => dateFr(l.date) },
    { cle: 'intitule', libelle: 'Intitulé', tri: 'intitule' },
    { cle: 'theme', libelle: 'Thème', tri: 'theme' },
    { cle: 'academie', libelle: 'Académie', tri: 'academie', rendu: (l) => l.academie ?? 'National' },
    { cle: 'intervenants_noms', libelle: 'IPE' },
    { cle: 'jeunes', libelle: 'Jeunes', rendu: (l) => nombre(l.jeunes) },
    { cle: 'enseignants', libelle: 'Enseignants', rendu: (l) => nombre(l.enseignants) },
  ],
  filtres: async () => [
    { cle: 'annee', libelle: 'Année', tous: 'Toutes', numerique: true, options: annees() },
    { cle: 'academie_id', libelle: 'Académie', tous: 'Toutes', numerique: true, options: await optionsAcademies() },
    { cle: 'theme_id', libelle: 'Thème', numerique: true, options: await optionsThemes() },
    { cle: 'ipe_id', libelle: 'IPE', genre: 'ipe' },
  ],
  champs: async () => [
    { cle: 'date', libelle: 'Date', type: 'date', requis: true },
    { cle: 'intervenants', libelle: 'IPE', type: 'selecteurs', genre: 'ipe', aide: 'nom, entreprise ou académie' },
    { cle: 'niveau', libelle: 'Niveau', type: 'choix', requis: true, options: codes('niveaux_action_ipe') },
    { cle: 'academie_id', libelle: 'Académie', type: 'choix', numerique: true, options: await optionsAcademies() },
    { cle: 'theme_id', libelle: 'Thème', type: 'choix', requis: true, numerique: true, options: await optionsThemes() },
    { cle: 'intitule', libelle: 'Intitulé', requis: true },
    ...codes('effectifs_ipe').map(({ code, libelle }) => ({ cle: code, libelle, type: 'nombre', aide: 'vide = 0' })),
    { cle: 'description', libelle: 'Description', type: 'zone' },
    { cle: 'convention_id', libelle: 'Convention', type: 'selecteur', genre: 'convention' },
    { cle: 'etablissements_lies', libelle: 'Établissements concernés (annuaire)', type: 'selecteurs', genre: 'etablissement', creation: true, aide: 'facultatif' },
    { cle: 'organisations_liees', libelle: 'Organisations concernées (annuaire)', type: 'selecteurs', genre: 'organisation', creation: true, aide: 'facultatif' },
  ],
  valeursNouveau: () => ({ niveau: codes('niveaux_action_ipe')[0]?.code }),
  versSaisie: (l) => ({
    ...l, date: dateFr(l.date),
    ...Object.fromEntries(codes('effectifs_ipe').map(({ code }) => [code, String(l[code])])),
  }),
  enSerie: {
    champ: 'intitule',
    garder: (s) => ({ date: s.date, intervenants: s.intervenants, niveau: s.niveau, academie_id: s.academie_id, theme_id: s.theme_id, convention_id: s.convention_id }),
  },
  actionsLigne: [{
    libelle: 'Dupliquer',
    faire: async (l, outils) => {
      const copie = await appeler('dupliquer_action_ipe', { id: l.id });
      await outils.rafraichir();
      await outils.ouvrirFormulaire(copie);
      annoncer(`Action « ${l.intitule} » dupliquée : modifiez la copie.`);
    },
  }],
  nomDe: (l) => l.intitule,
};

const REGISTRE = {
  nom: 'registre', titre: 'Registre des IPE', unite: ['IPE', 'IPE'], nouveau: 'Nouvel IPE', genre: 'm', demonstratif: 'cet',
  exempleRecherche: 'Nom, entreprise…',
  intro: 'Un IPE est une personne de l\'annuaire ; ses missions (période, quotité, lettre de mission) se gèrent avec « Missions ».',
  table: 'ipe',
  commandes: { lister: 'lister_ipe', creer: 'creer_ipe', modifier: 'modifier_ipe', supprimer: 'supprimer_ipe' },
  colonnes: [
    { cle: 'nom_complet', libelle: 'Nom', tri: 'nom' },
    { cle: 'entreprise', libelle: 'Entreprise d\'origine', tri: 'entreprise' },
    { cle: 'academie', libelle: 'Académie', tri: 'academie' },
    { cle: 'derniere_mission', libelle: 'Mission' },
  ],
  filtres: async () => [
    { cle: 'academie_id', libelle: 'Académie', tous: 'Toutes', numerique: true, options: await optionsAcademies() },
    { cle: 'entreprise_id', libelle: 'Entreprise', genre: 'organisation' },
    { cle: 'actif_en', libelle: 'En mission en', tous: 'Toutes années', numerique: true, options: annees() },
  ],
  champs: async () => [
    { cle: 'personne_id', libelle: 'Personne (annuaire)', type: 'selecteur', genre: 'personne', creation: true, requis: true },
    { cle: 'entreprise_id', libelle: 'Entreprise d\'origine', type: 'selecteur', genre: 'organisation', creation: true },
    { cle: 'academie_id', libelle: 'Académie', type: 'choix', requis: true, numerique: true, options: await optionsAcademies() },
    { cle: 'service', libelle: 'Service de rattachement', type: 'choix', requis: true,
      options: codes('services_ipe') },
  ],
  valeursNouveau: () => ({ service: 'daet' }),
  versSaisie: (l) => ({ ...l }),
  actionsLigne: [{ libelle: 'Missions', faire: (l) => afficherMissions(l) }],
  nomDe: (l) => l.nom_complet,
};

let zoneMissions = null;

async function afficherMissions(ipe, enCours = null) {
  const missions = await appeler('missions_ipe', { id: ipe.id });
  const f = formulaire({
    id: 'mission-formulaire',
    titre: enCours ? `Modifier la mission commencée le ${dateFr(enCours.debut)}` : 'Ajouter une mission',
    libelleValider: enCours ? 'Enregistrer la mission' : 'Ajouter la mission',
    champs: [
      { cle: 'debut', libelle: 'Début', type: 'date', requis: true },
      { cle: 'fin', libelle: 'Fin', type: 'date', aide: 'vide : mission en cours' },
      { cle: 'quotite', libelle: 'Quotité (%)', type: 'nombre', aide: 'vide : 100 %' },
      { cle: 'lettre_date', libelle: 'Date de la lettre de mission', type: 'date', aide: 'révisée chaque année' },
      { cle: 'lettre_missions', libelle: 'Missions confiées', type: 'zone' },
    ],
    valeurs: enCours ? { ...enCours, debut: dateFr(enCours.debut), fin: dateFr(enCours.fin), lettre_date: dateFr(enCours.lettre_date), quotite: String(enCours.quotite) } : {},
    enregistrer: async (saisie) => {
      if (enCours) await appeler('modifier_mission_ipe', { id: enCours.id, saisie });
      else await appeler('ajouter_mission_ipe', { id: ipe.id, saisie });
      await afficherMissions(ipe);
      annoncer('Mission enregistrée.');
    },
    annuler: () => remplir(zoneMissions),
  });
  remplir(zoneMissions,
    el('h2', { id: 'missions-titre' }, `Missions de ${ipe.nom_complet}`),
    missions.length === 0 ? el('p', { class: 'vide' }, 'Aucune mission enregistrée.') :
      el('table', { id: 'missions-table' },
        el('thead', {}, el('tr', {}, ['Début', 'Fin', 'Quotité', 'Lettre de mission', 'Missions confiées', ''].map((t) => el('th', { scope: 'col' }, t)))),
        el('tbody', {}, missions.map((m) => el('tr', {},
          el('td', {}, dateFr(m.debut)), el('td', {}, m.fin ? dateFr(m.fin) : 'en cours'), el('td', {}, `${m.quotite} %`),
          el('td', {}, dateFr(m.lettre_date)), el('td', {}, m.lettre_missions),
          el('td', { class: 'actions-ligne' },
            el('button', { type: 'button', class: 'lien', onclick: () => afficherMissions(ipe, m) }, 'Modifier'),
            el('button', { type: 'button', class: 'lien', onclick: async () => {
              if (!await confirmer('Supprimer cette mission ?', `La mission commencée le ${dateFr(m.debut)} sera supprimée ; les mois d'activité des bilans changeront.`)) return;
              await appeler('supprimer_mission_ipe', { id: m.id });
              await afficherMissions(ipe);
            } }, 'Supprimer')))))),
    f.element);
  zoneMissions.scrollIntoView();
  if (enCours) await f.focus();
}

function ecranImport(zone) {
  const quoi = el('select', { id: 'import-quoi' },
    el('option', { value: 'actions-ipe' }, 'Actions des IPE'), el('option', { value: 'ipe' }, 'Registre des IPE (missions)'));
  const nomFichier = el('span', { id: 'import-nom' }, 'Aucun fichier choisi.');
  const resultat = el('div', { id: 'import-resultat', 'aria-live': 'polite' });
  let rang = null;
  const lancer = async (essai) => {
    if (rang === null) return remplir(resultat, alerte('Choisissez d\'abord un fichier CSV.', 'erreur'));
    try {
      const r = await suivreTravail(resultat, 'importer_ipe', { quoi: quoi.value, rang, essai },
        { titre: essai ? 'Contrôle du fichier' : 'Import en cours' });
      remplir(resultat, alerte(essai
        ? `Aperçu : ${quantite(r.lignes, ['ligne valide', 'lignes valides'])} (fichier ${r.encodage}, séparateur « ${r.separateur} »). Rien n'est encore enregistré.`
        : `${quantite(r.lignes, ['ligne importée', 'lignes importées'])}.${r.creations.length ? ` Créés : ${r.creations.join(', ')}.` : ''}`, 'succes'),
      essai ? el('button', { type: 'button', id: 'import-confirmer', onclick: () => lancer(false) }, 'Importer ces lignes') : null);
    } catch (e) {
      remplir(resultat, alerteErreur(e));
    }
  };
  const choisir = async () => {
    try {
      const f = await choisirFichier('csv');
      if (!f) return;
      rang = f.rang;
      nomFichier.textContent = `${f.nom} (${taille(f.taille)})`;
      await lancer(true);
    } catch (e) {
      remplir(resultat, alerte(e.message, 'erreur'));
    }
  };
  remplir(zone, el('h2', {}, 'Importer un fichier CSV'),
    el('p', {}, 'Séparateur « ; », « , » ou tabulation, encodage UTF-8, Windows-1252 ou « Texte Unicode » d\'Excel : détectés. Le fichier est d\'abord contrôlé ; rien n\'est écrit tant qu\'une ligne est fautive. 200 Mo au plus.'),
    el('div', { class: 'barre-liste' },
      el('div', { class: 'champ' }, el('label', { for: 'import-quoi' }, 'Contenu du fichier'), quoi),
      el('div', { class: 'champ' },
        el('button', { type: 'button', id: 'import-choisir', class: 'secondaire', onclick: choisir }, 'Choisir un fichier CSV…'),
        nomFichier)),
    resultat);
}

async function ecranThemes(zone) {
  const themes = await appeler('lister_themes_ipe');
  const f = formulaire({
    id: 'theme-formulaire', titre: 'Ajouter un thème', libelleValider: 'Ajouter le thème',
    champs: [{ cle: 'libelle', libelle: 'Libellé du thème', requis: true }],
    enregistrer: async (saisie) => { await appeler('creer_theme_ipe', { saisie }); await ecranThemes(zone); },
    annuler: () => ecranThemes(zone),
  });
  remplir(zone, el('h2', {}, 'Thèmes des actions'),
    el('p', {}, 'Les quatorze thèmes du bilan 2007 sont fournis ; leur code ne change jamais, ce qui permet de comparer les années. Vous pouvez en ajouter.'),
    el('table', { id: 'themes-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Thème'), el('th', { scope: 'col' }, 'Code'))),
      el('tbody', {}, themes.map((t) => el('tr', {}, el('th', { scope: 'row' }, t.libelle), el('td', {}, el('code', {}, t.code)))))),
    f.element);
}

const ONGLETS = [['actions', 'Actions'], ['registre', 'Registre des IPE'], ['themes', 'Thèmes'], ['import', 'Importer']];

export async function afficher(main, [onglet = 'actions']) {
  const zone = el('div');
  zoneMissions = el('section', { id: 'missions', 'aria-labelledby': 'missions-titre' });
  remplir(main, el('h1', {}, 'IPE'),
    el('nav', { class: 'sous-navigation', 'aria-label': 'Rubriques IPE' },
      ONGLETS.map(([cle, libelle]) => el('a', { href: `#/ipe/${cle}`, 'aria-current': cle === onglet ? 'page' : null }, libelle))),
    zone, zoneMissions);
  if (onglet === 'registre') await ecranListe(zone, REGISTRE);
  else if (onglet === 'import') ecranImport(zone);
  else if (onglet === 'themes') await ecranThemes(zone);
  else await ecranListe(zone, ACTIONS);
}
