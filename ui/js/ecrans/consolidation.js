// Consolidation : exporter un paquet de cette base ; importer les paquets reçus d'autres postes
// (aperçu, puis chaque paquet tout ou rien) ; sources reçues et académies sans paquet ; conflits
// à trancher. Les règles (fusion, conflits, libellés) sont en Rust : la page montre et transmet.

import { appeler, codes, optionsAcademies, quantite, taille } from '../api.js';
import { el, remplir, alerte, alerteErreur, tableau, confirmer, annoncer } from '../dom.js';
import { formulaire } from '../formulaire.js';
import { enregistrerFichier, suivreTravail } from '../travail.js';

/** « 83 nouvelles · 2 remplacées · 0 inchangée · 1 supprimée à la source » */
const resume = (cr) => [
  quantite(cr.nouvelles, ['nouvelle', 'nouvelles']), quantite(cr.remplacees, ['remplacée', 'remplacées']),
  quantite(cr.inchangees, ['inchangée', 'inchangées']), `${quantite(cr.supprimees, ['supprimée', 'supprimées'])} à la source`,
].join(' · ');

/** Une ligne du compte rendu d'un paquet (aperçu ou import) : fichier, source, fiches, conflits. */
function ligneResultat(r) {
  const cr = r.compte_rendu;
  if (!cr) return [r.fichier, '', el('span', { class: 'refuse' }, r.erreur ?? 'Refusé'), ''];
  const source = `« ${cr.source} », ${cr.perimetre}, ${cr.periode}`;
  if (cr.deja_recu) return [r.fichier, source, 'Déjà importé : rien ne change.', ''];
  return [r.fichier, source, resume(cr),
    cr.conflits.length ? el('ul', {}, cr.conflits.map((c) => el('li', {}, c))) : 'aucun'];
}

const tableauResultats = (id, resultats) => tableau(id, ['Paquet', 'Source', 'Fiches', 'Conflits'],
  resultats.map(ligneResultat), 'Aucun paquet.');

/** Le formulaire d'export : périmètre, période, portée ; le dialogue « Enregistrer sous » ensuite. */
async function formulaireExport(identite, message) {
  const f = formulaire({
    id: 'paquet', titre: 'Exporter un paquet', libelleValider: 'Exporter le paquet…',
    champs: [
      { cle: 'perimetre', libelle: 'Contenu', type: 'choix', requis: true, options: codes('perimetres_paquet') },
      { cle: 'genre_periode', libelle: 'Période', type: 'choix', requis: true, options: codes('periodes_bilan') },
      { cle: 'annee', libelle: 'Année', requis: true, aide: '2007, ou 2007-2008 pour une année scolaire' },
      { cle: 'academie', libelle: 'Académie', type: 'choix', vide: 'Toutes les académies',
        options: [...codes('portees_paquet'), ...await optionsAcademies(true, { parCode: true })] },
    ],
    valeurs: { perimetre: 'ipe', genre_periode: 'civile', annee: String(new Date().getFullYear()), academie: identite.academie },
    enregistrer: async (v) => {
      await appeler('verifier_paquet', { saisie: v });
      await enregistrerFichier(message, 'exporter_paquet', { saisie: v }, 'Paquet enregistré');
    },
    annuler: () => remplir(message),
  });
  return f.element;
}

/** Un conflit : les deux versions champ par champ, et un bouton par décision possible. */
function blocConflit(k, decider) {
  return el('article', { class: 'conflit', id: `conflit-${k.id}`, 'aria-labelledby': `conflit-${k.id}-titre` },
    el('h3', { id: `conflit-${k.id}-titre` }, `${k.fiche} « ${k.libelle} »`),
    el('p', {}, `${k.nature_libelle} — paquet de « ${k.source} », noté le ${k.note_le}.`),
    tableau(`conflit-${k.id}-differences`, ['Champ', 'Dans cette base', 'Reçu'],
      k.differences.map((d) => [d.champ, d.locale, d.recue]), 'Aucune différence lisible.'),
    el('p', { class: 'actions' }, k.choix.flatMap((c) => (c.code === 'fusionnee'
      // Une fusion se fait avec l'une des fiches d'ici : un bouton par candidate.
      ? k.candidates.map((f) => el('button', { type: 'button', class: 'secondaire', 'data-decision': c.code,
        onclick: () => decider(k, c, f.uid) }, `Fusionner avec « ${f.libelle} »`))
      : [el('button', { type: 'button', class: c.code === 'recue' ? null : 'secondaire', 'data-decision': c.code,
        onclick: () => decider(k, c, null) }, c.libelle)]))));
}

/** Paquets ouverts depuis le bureau (ligne de commande ou seconde fenêtre), à montrer en aperçu :
 * tout de suite si l'écran est affiché (sans le redessiner : un export commencé reste), sinon à
 * son prochain affichage. */
let aApercevoir = null;
let apercevoirIci = null;
export async function paquetsRecus(fichiers) {
  if (apercevoirIci && document.getElementById('consolidation-choisir')) return apercevoirIci(fichiers);
  aApercevoir = fichiers;
  return null;
}

export async function afficher(main) {
  const etat = await appeler('etat_consolidation');
  const messageExport = el('div', { id: 'paquet-message', 'aria-live': 'polite' });
  const messageImport = el('div', { id: 'consolidation-message', 'aria-live': 'polite' });
  const zoneImport = el('div', { id: 'consolidation-import' });
  const recharger = () => afficher(main).then(() => main.querySelector('#consolidation-message')?.replaceWith(messageImport));

  async function importer(rangs) {
    try {
      const resultats = await suivreTravail(zoneImport, 'importer_paquets', { rangs, essai: false },
        { quoi: 'paquets', titre: 'Import des paquets' });
      const refuses = resultats.filter((r) => !r.compte_rendu).length;
      const texte = refuses ? `${quantite(resultats.length - refuses, ['paquet importé', 'paquets importés'])}, ${quantite(refuses, ['refusé', 'refusés'])} : rien n'est entré des paquets refusés.`
        : `${resultats.length > 1 ? `${resultats.length} paquets importés` : 'Paquet importé'}.`;
      remplir(messageImport, alerte([el('p', {}, texte), tableauResultats('consolidation-resultat', resultats)], refuses ? 'erreur' : 'succes'));
      annoncer(texte);
      await recharger();
    } catch (e) {
      remplir(messageImport, alerteErreur(e));
    }
  }

  async function apercevoir(fichiers) {
    const rangs = fichiers.map((f) => f.rang);
    try {
      const apercu = await suivreTravail(zoneImport, 'importer_paquets', { rangs, essai: true },
        { quoi: 'paquets', titre: 'Aperçu des paquets' });
      remplir(zoneImport,
        el('h3', {}, 'Aperçu : ce que l\'import changera'),
        el('p', {}, fichiers.map((f) => `${f.nom} (${taille(f.taille)})`).join(', ')),
        tableauResultats('consolidation-apercu', apercu),
        el('p', { class: 'actions' },
          el('button', { type: 'button', id: 'consolidation-importer', onclick: () => importer(rangs) }, 'Importer'),
          el('button', { type: 'button', class: 'secondaire', onclick: () => remplir(zoneImport) }, 'Annuler')));
      zoneImport.querySelector('#consolidation-importer').focus();
    } catch (e) {
      remplir(zoneImport);
      remplir(messageImport, alerteErreur(e));
    }
  }

  apercevoirIci = apercevoir;

  async function choisir() {
    remplir(messageImport);
    const fichiers = await appeler('choisir_paquets');
    if (fichiers.length === 0) return remplir(messageImport, alerte('Aucun paquet choisi.'));
    return apercevoir(fichiers);
  }

  async function retirer(s) {
    const ok = await confirmer('Retirer cette source ?',
      `Les fiches apportées par « ${s.nom} » (${s.perimetre_libelle}, ${s.periode}, ${s.portee}) seront supprimées, sauf celles modifiées ici ou encore citées (elles seront listées comme conflits).`, 'Retirer');
    if (!ok) return;
    try {
      const cr = await appeler('retirer_source', { id: s.id });
      remplir(messageImport, alerte(`Source retirée : ${quantite(cr.supprimees, ['fiche supprimée', 'fiches supprimées'])}, ${quantite(cr.conflits.length, ['conflit', 'conflits'])}.`, 'succes'));
      await recharger();
    } catch (e) {
      remplir(messageImport, alerteErreur(e));
    }
  }

  async function decider(k, c, avec) {
    try {
      await appeler('decider_conflit', { id: k.id, decision: c.code, avec });
      remplir(messageImport, alerte(`${k.fiche} « ${k.libelle} » : ${c.libelle.toLowerCase()}.`, 'succes'));
      await recharger();
    } catch (e) {
      remplir(messageImport, alerteErreur(e));
    }
  }

  const i = etat.identite;
  remplir(main,
    el('h1', {}, 'Consolidation'),
    el('p', {}, 'Chaque poste exporte un paquet ; une base d\'académie ou nationale importe les paquets reçus. Le même paquet importé deux fois ne compte qu\'une fois ; un paquet plus récent de la même source remplace le précédent.'),
    i.nom
      ? el('p', { id: 'consolidation-identite' }, 'Cette base : ', el('strong', {}, i.nom), etat.academie ? ` (${etat.academie})` : ' (nationale)')
      : alerte([el('p', {}, 'Cette base n\'a pas encore de nom : ses paquets ne diraient pas d\'où ils viennent. '), el('a', { href: '#/parametres' }, 'La nommer dans Paramètres')]),
    await formulaireExport(i, messageExport), messageExport,
    el('h2', {}, 'Importer des paquets'),
    el('p', { class: 'actions' }, el('button', { type: 'button', id: 'consolidation-choisir', onclick: choisir }, 'Choisir des paquets…')),
    messageImport, zoneImport,
    el('h2', {}, 'Sources reçues'),
    tableau('consolidation-sources', ['Période', 'Source', 'Contenu', 'Académie', 'Fiches', 'Reçu le', 'Conflits', 'Action'],
      etat.sources.map((s) => [s.periode, s.nom, s.perimetre_libelle, s.portee, s.contenu, s.recu_le,
        s.conflits_ouverts ? String(s.conflits_ouverts) : '',
        el('button', { type: 'button', class: 'lien', 'aria-label': `Retirer la source ${s.nom} ${s.periode} ${s.portee}`, onclick: () => retirer(s) }, 'Retirer')]),
      'Aucun paquet reçu pour l\'instant.'),
    el('div', { id: 'consolidation-manquantes' }, etat.manquantes.filter(([, a]) => a.length).map(([p, a]) =>
      el('p', {}, el('strong', {}, `Sans paquet pour ${p} : `), a.join(', ')))),
    el('h2', {}, `Conflits à trancher (${etat.conflits.length})`),
    etat.conflits.length
      ? el('div', { id: 'consolidation-conflits' }, etat.conflits.map((k) => blocConflit(k, decider)))
      : el('p', { class: 'vide', id: 'consolidation-conflits' }, 'Aucun conflit : chaque fiche reçue a trouvé sa place.'));
  if (aApercevoir) {
    const fichiers = aApercevoir;
    aApercevoir = null;
    await apercevoir(fichiers);
  }
}
