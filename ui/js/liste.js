// Écran de liste commun à tous les modules : recherche pendant la frappe, filtres, tri,
// création, modification et suppression confirmée, avec les messages français rendus par Rust.
//
// Description attendue :
// { nom, titre, unite: [singulier, pluriel], nouveau, genre: 'm'|'f', demonstratif: 'ce'|'cet'|'cette',
//   commandes: { lister, creer, modifier, supprimer },
//   colonnes: [{ cle, libelle, tri, rendu(ligne) → texte ou nœud }], exempleRecherche,
//   filtres: async () => [{ cle, libelle, options: [{code, libelle}], numerique }],
//   champs: async () => [champs du formulaire], versSaisie(ligne), nomDe(ligne),
//   versCommande(saisie) : mise en forme avant envoi, actionsLigne: [{ libelle, faire(ligne, outils) }],
//   enSerie: { champ, garder(saisie) } : après une création, le formulaire se rouvre pour la suivante,
//   table : la table de la base, pour l'onglet Historique de la fiche,
//   enLecture(ligne) → nœud : ce que la fiche montre sans le laisser modifier (données importées) }

import { appeler, quantite } from './api.js';
import { el, remplir, annoncer, confirmer, alerte, listeDeroulante } from './dom.js';
import { formulaire } from './formulaire.js';
import { selecteur } from './selecteur.js';
import { ongletsFiche } from './historique.js';

export async function ecranListe(conteneur, d) {
  const etat = { recherche: '', tri: null, descendant: false, filtres: {}, demande: 0 };
  const zoneFormulaire = el('div');
  const zoneMessage = el('div', { id: `${d.nom}-message` });
  const compte = el('p', { class: 'compte', 'aria-live': 'polite', id: `${d.nom}-compte` });
  const corps = el('tbody');
  const boutonNouveau = d.commandes.creer
    ? el('button', { type: 'button', id: `${d.nom}-nouveau`, onclick: () => ouvrirFormulaire(null) }, d.nouveau)
    : null;

  const recherche = el('input', { type: 'search', id: `${d.nom}-recherche`, autocomplete: 'off',
    placeholder: d.exempleRecherche ?? '' });
  let minuterie;
  recherche.addEventListener('input', () => {
    clearTimeout(minuterie);
    minuterie = setTimeout(() => { etat.recherche = recherche.value; rafraichir(); }, 120);
  });

  const filtres = d.filtres ? await d.filtres() : [];
  const selecteurs = filtres.map((f) => {
    // Filtre sur une fiche de l'annuaire (organisation…) : un sélecteur où l'on tape.
    if (f.genre) {
      const s = selecteur({ id: `${d.nom}-filtre-${f.cle}`, genre: f.genre,
        onchange: (fiche) => { etat.filtres[f.cle] = fiche?.id ?? null; rafraichir(); } });
      return el('div', { class: 'champ' }, el('label', { for: s.input.id }, f.libelle), s.element);
    }
    const s = listeDeroulante({ id: `${d.nom}-filtre-${f.cle}` }, f.options, f.tous ?? 'Tous');
    s.addEventListener('change', () => {
      etat.filtres[f.cle] = s.value === '' ? null : (f.numerique ? Number(s.value) : s.value);
      rafraichir();
    });
    return el('div', { class: 'champ' }, el('label', { for: s.id }, f.libelle), s);
  });

  const entetes = d.colonnes.map((c) => {
    if (!c.tri) return el('th', { scope: 'col' }, c.libelle);
    const th = el('th', { scope: 'col', 'data-tri': c.tri, 'aria-sort': 'none' });
    th.append(el('button', { type: 'button', onclick: () => trier(c.tri) }, c.libelle));
    return th;
  });
  const avecActions = d.commandes.modifier || d.commandes.supprimer;
  const tableau = el('table', { id: `${d.nom}-table` },
    el('caption', { class: 'sr-only' }, `Liste des ${d.unite[1]}`),
    el('thead', {}, el('tr', {}, entetes, avecActions ? el('th', { scope: 'col', class: 'actions-ligne' }, el('span', { class: 'sr-only' }, 'Actions')) : null)),
    corps);

  remplir(conteneur,
    el('div', { class: 'entete-ecran' }, el('h2', {}, d.titre), boutonNouveau),
    d.intro ? el('p', {}, d.intro) : null,
    zoneMessage, zoneFormulaire,
    el('div', { class: 'barre-liste', role: 'search' },
      el('div', { class: 'champ recherche' }, el('label', { for: recherche.id }, `Rechercher parmi les ${d.unite[1]}`), recherche),
      selecteurs),
    compte, el('div', { class: 'defilement' }, tableau));

  function trier(cle) {
    etat.descendant = etat.tri === cle ? !etat.descendant : false;
    etat.tri = cle;
    for (const th of entetes) {
      if (!th.dataset.tri) continue;
      th.setAttribute('aria-sort', th.dataset.tri === cle ? (etat.descendant ? 'descending' : 'ascending') : 'none');
    }
    rafraichir();
  }

  async function rafraichir() {
    const numero = ++etat.demande;
    const filtre = { recherche: etat.recherche, tri: etat.tri, descendant: etat.descendant, ...etat.filtres };
    let liste;
    try {
      // La page d'abord ; si elle est pleine, le total se compte ensuite, à part (il peut
      // demander de lire toute la table).
      liste = await appeler(d.commandes.lister, { filtre: { ...filtre, partie: 'lignes' } });
    } catch (e) {
      remplir(zoneMessage, alerte(e.message, 'erreur'));
      return;
    }
    if (numero !== etat.demande) return; // une frappe plus récente a déjà relancé la recherche
    // Plafonné (un mot fréquent), le total se dit « Plus de 1 000 … ».
    const afficherCompte = ({ total, total_plafonne: plafonne }) => {
      const affichees = liste.lignes.length < total
        ? ` (${liste.lignes.length} affiché${d.genre === 'f' ? 'e' : ''}s : affinez la recherche)` : '';
      const combien = plafonne ? `Plus de ${quantite(total, d.unite)}` : quantite(total, d.unite);
      compte.textContent = total === 0 ? `Aucun${d.genre === 'f' ? 'e' : ''} ${d.unite[0]} ne correspond.` : `${combien}${affichees}`;
    };
    if (liste.total_a_venir) {
      compte.textContent = `${liste.lignes.length} premi${d.genre === 'f' ? 'ères' : 'ers'} affiché${d.genre === 'f' ? 'e' : ''}s ; comptage…`;
    } else {
      afficherCompte(liste);
    }
    remplir(corps, liste.lignes.map((l) => el('tr', { 'data-id': l.id },
      d.colonnes.map((c, i) => {
        const v = c.rendu ? c.rendu(l) : l[c.cle];
        return i === 0 ? el('th', { scope: 'row' }, v ?? '') : el('td', {}, v ?? '');
      }),
      avecActions ? el('td', { class: 'actions-ligne' },
        d.commandes.modifier ? el('button', { type: 'button', class: 'lien', 'aria-label': `Modifier ${d.nomDe(l)}`,
          onclick: () => ouvrirFormulaire(l) }, 'Modifier') : null,
        (d.actionsLigne ?? []).map((a) => el('button', { type: 'button', class: 'lien', 'aria-label': `${a.libelle} ${d.nomDe(l)}`,
          onclick: () => a.faire(l, outils) }, a.libelle)),
        d.commandes.supprimer ? el('button', { type: 'button', class: 'lien', 'aria-label': `Supprimer ${d.nomDe(l)}`,
          onclick: () => supprimer(l) }, 'Supprimer') : null) : null)));
    if (!liste.total_a_venir) return;
    try {
      const compteur = await appeler(d.commandes.lister, { filtre: { ...filtre, partie: 'total' } });
      if (numero === etat.demande) afficherCompte(compteur);
    } catch (e) {
      if (numero === etat.demande) remplir(zoneMessage, alerte(e.message, 'erreur'));
    }
  }

  async function ouvrirFormulaire(ligne, valeursInitiales = null) {
    remplir(zoneMessage);
    const champs = await d.champs();
    const f = formulaire({
      id: `${d.nom}-formulaire`,
      titre: ligne ? `Modifier « ${d.nomDe(ligne)} »` : d.nouveau,
      champs,
      valeurs: ligne ? d.versSaisie(ligne) : (valeursInitiales ?? d.valeursNouveau?.() ?? {}),
      libelleValider: !ligne && d.enSerie ? 'Enregistrer et saisir la suivante' : 'Enregistrer',
      enregistrer: async (saisieFormulaire) => {
        const saisie = d.versCommande ? d.versCommande(saisieFormulaire) : saisieFormulaire;
        const r = ligne
          ? await appeler(d.commandes.modifier, { id: ligne.id, saisie })
          : await appeler(d.commandes.creer, { saisie });
        const texte = `${d.unite[0][0].toUpperCase()}${d.unite[0].slice(1)} « ${d.nomDe(r)} » ${ligne ? 'modifié' : 'enregistré'}${d.genre === 'f' ? 'e' : ''}.`;
        await d.apresChangement?.();
        await rafraichir();
        if (!ligne && d.enSerie) {
          // Saisie en série : on garde date, académie, thème… et on repart sur l'intitulé.
          await ouvrirFormulaire(null, d.enSerie.garder(saisieFormulaire));
        } else {
          fermer();
        }
        remplir(zoneMessage, alerte(texte, 'succes'));
        annoncer(texte);
      },
      annuler: fermer,
    });
    // Une fiche existante a deux onglets : le formulaire et son historique (journal).
    // Ce que la fiche porte sans que la saisie le change (données importées), au-dessus du formulaire.
    const fiche = ligne && d.enLecture ? el('div', {}, d.enLecture(ligne), f.element) : f.element;
    remplir(zoneFormulaire, ligne && d.table
      ? ongletsFiche({ idBase: `${d.nom}-fiche`, fiche, table: d.table, id: ligne.id, nom: d.nomDe(ligne) })
      : fiche);
    await f.focus(valeursInitiales ? d.enSerie?.champ : null);
  }

  const outils = { rafraichir, ouvrirFormulaire, message: (t, genre) => remplir(zoneMessage, alerte(t, genre)) };

  function fermer() {
    remplir(zoneFormulaire);
    (boutonNouveau ?? recherche).focus();
  }

  async function supprimer(ligne) {
    remplir(zoneMessage);
    const ok = await confirmer(`Supprimer ${d.demonstratif} ${d.unite[0]} ?`,
      `« ${d.nomDe(ligne)} » sera supprimé${d.genre === 'f' ? 'e' : ''} de la base. Cette action ne peut pas être annulée.`);
    if (!ok) return;
    try {
      await appeler(d.commandes.supprimer, { id: ligne.id });
      const texte = `« ${d.nomDe(ligne)} » a été supprimé${d.genre === 'f' ? 'e' : ''}.`;
      remplir(zoneMessage, alerte(texte, 'succes'));
      annoncer(texte);
      await d.apresChangement?.();
      await rafraichir();
    } catch (e) {
      remplir(zoneMessage, alerte(e.message, 'erreur'));
    }
  }

  await rafraichir();
  return outils;
}
