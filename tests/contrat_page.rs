//! Le contrat entre la page et le cœur : chaque écran de liste de `ui/js/ecrans/` lit des champs
//! dans les lignes que renvoie sa commande `lister_…` et envoie une saisie à `creer_…` /
//! `modifier_…`. Un champ renommé d'un côté seulement casserait l'écran sans bruit (colonne vide,
//! valeur ignorée par serde) : ce test confronte le texte des écrans au JSON réel du cœur.

mod common;

use passerelle_core::annuaire::{bassins, etablissements, organisations, personnes};
use passerelle_core::cet::{cpc, registre};
use passerelle_core::clee::comites;
use passerelle_core::conventions::fiches;
use passerelle_core::ipe::{actions, intervenants};
use passerelle_core::Connection;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeSet;

/// Ce qu'un écran de liste attend d'une commande `lister_…` et de sa saisie.
struct Ecran {
    lister: &'static str,
    lignes: fn(&Connection) -> Value,
    saisie: fn() -> Value,
}

fn json<T: Serialize>(v: T) -> Value {
    serde_json::to_value(v).unwrap()
}

/// Un écran de liste : sa commande, et le type de sa saisie dans le module qui la sert.
macro_rules! ecran {
    ($lister:literal, $module:ident :: $saisie:ident) => {
        Ecran {
            lister: $lister,
            lignes: |c| json($module::lister(c, &Default::default()).unwrap().lignes),
            saisie: || json($module::$saisie::default()),
        }
    };
}

const ECRANS: &[Ecran] = &[
    ecran!("lister_etablissements", etablissements::SaisieEtablissement),
    ecran!("lister_organisations", organisations::SaisieOrganisation),
    ecran!("lister_personnes", personnes::SaisiePersonne),
    ecran!("lister_bassins", bassins::SaisieBassin),
    ecran!("lister_cet", registre::SaisieCet),
    ecran!("lister_cpc", cpc::SaisieCpc),
    ecran!("lister_comites", comites::SaisieComite),
    ecran!("lister_conventions", fiches::SaisieConvention),
    ecran!("lister_actions_ipe", actions::SaisieAction),
    ecran!("lister_ipe", intervenants::SaisieIpe),
];

/// Les clés d'un objet JSON (de la première ligne pour une liste).
fn cles(v: &Value) -> BTreeSet<String> {
    let objet = match v {
        Value::Array(lignes) => lignes.first().expect("liste vide sur la démonstration"),
        autre => autre,
    };
    objet.as_object().unwrap().keys().cloned().collect()
}

/// Le texte entre `debut` (qui finit par `[`, `{` ou `(`) et ce qui le ferme.
fn bloc<'a>(texte: &'a str, debut: &str) -> Option<&'a str> {
    let i = texte.find(debut)? + debut.len();
    let mut profondeur = 1;
    for (j, c) in texte[i..].char_indices() {
        match c {
            '[' | '{' | '(' => profondeur += 1,
            ']' | '}' | ')' => {
                profondeur -= 1;
                if profondeur == 0 {
                    return Some(&texte[i..i + j]);
                }
            }
            _ => {}
        }
    }
    None
}

/// Les noms qui suivent `motif` (`cle: '`, `l.`, `l?.`) dans un morceau de l'écran.
fn noms(texte: &str, motif: &str) -> BTreeSet<String> {
    texte
        .split(motif)
        .skip(1)
        .map(|m| {
            m.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|n| !n.is_empty())
        .collect()
}

/// Les lectures de champs d'une ligne `l` (`l.nom`, `l?.nom`), sans les méthodes de tableau.
fn lectures(texte: &str) -> BTreeSet<String> {
    let mut v = noms(texte, "(l) => l.");
    for motif in [" l.", "(l.", "[l.", "`${l.", "${l.", "!l.", " l?."] {
        v.extend(noms(texte, motif));
    }
    v
}

/// Les objets `{ … }` de premier niveau d'un tableau littéral.
fn objets(tableau: &str) -> Vec<&str> {
    let (mut v, mut profondeur, mut debut) = (Vec::new(), 0, 0);
    for (i, c) in tableau.char_indices() {
        match c {
            '{' | '[' | '(' => {
                if profondeur == 0 {
                    debut = i;
                }
                profondeur += 1;
            }
            '}' | ']' | ')' => {
                profondeur -= 1;
                if profondeur == 0 {
                    v.push(&tableau[debut..=i]);
                }
            }
            _ => {}
        }
    }
    v
}

/// Ce qu'une liste lit dans chaque ligne : `l[cle]`, ou ce que lit son `rendu` s'il en a un
/// (la liste n'affiche `l[cle]` que sans rendu, voir liste.js).
fn colonnes_lues(colonnes: &str) -> BTreeSet<String> {
    let mut v = BTreeSet::new();
    for colonne in objets(colonnes) {
        if colonne.contains("rendu:") {
            v.extend(lectures(colonne));
        } else {
            v.extend(noms(colonne, "cle: '"));
        }
    }
    v
}

/// Les clés écrites dans un objet littéral `({ a: …, b })`, sans les `...l`.
fn cles_ecrites(objet: &str) -> BTreeSet<String> {
    let mut v = BTreeSet::new();
    let mut profondeur = 0;
    let mut morceau = String::new();
    for c in objet.chars().chain(std::iter::once(',')) {
        match c {
            '(' | '[' | '{' => profondeur += 1,
            ')' | ']' | '}' => profondeur -= 1,
            ',' if profondeur == 0 => {
                let m = morceau.trim();
                if !m.starts_with("...") && !m.is_empty() {
                    v.insert(m.split(':').next().unwrap().trim().to_string());
                }
                morceau.clear();
                continue;
            }
            _ => {}
        }
        morceau.push(c);
    }
    v
}

/// La description de l'écran qui liste avec `commande` : de `const X = {` à sa fin.
fn description_ecran(commande: &str) -> (String, String) {
    let dossier = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/js/ecrans");
    for f in std::fs::read_dir(&dossier).unwrap() {
        let chemin = f.unwrap().path();
        let texte = std::fs::read_to_string(&chemin).unwrap();
        let Some(i) = texte.find(&format!("lister: '{commande}'")) else {
            continue;
        };
        let debut = texte[..i].rfind("\nconst ").unwrap();
        let fin = i + texte[i..].find("\n};").unwrap();
        let nom = chemin.file_name().unwrap().to_string_lossy().to_string();
        return (nom, texte[debut..fin].to_string());
    }
    panic!("aucun écran ne liste avec {commande}");
}

#[test]
fn chaque_ecran_de_liste_lit_et_envoie_des_champs_que_le_coeur_connait() {
    let c = common::base_demo_en_memoire();
    for e in ECRANS {
        let (fichier, ecran) = description_ecran(e.lister);
        let colonnes_rust = cles(&(e.lignes)(&c));
        let champs_rust = cles(&(e.saisie)());

        let colonnes = bloc(&ecran, "colonnes: [").expect("colonnes");
        let mut lues = colonnes_lues(colonnes);
        let vers_saisie = bloc(&ecran, "versSaisie: (l) => (").unwrap_or("");
        lues.extend(lectures(vers_saisie));
        let inconnues: Vec<_> = lues.difference(&colonnes_rust).collect();
        assert!(
            inconnues.is_empty(),
            "{fichier} lit {inconnues:?} dans les lignes de {}, qui n'ont que {colonnes_rust:?}",
            e.lister
        );

        // `champs: async () => [ … ]` ou `champs: async () => { …; return [ … ]; }`.
        let champs = &ecran[ecran.find("champs: async").expect("champs")..];
        let corps = &champs[champs.find("=>").expect("champs")..];
        let ouvrant = if corps.starts_with("=> {") {
            "return ["
        } else {
            "=> ["
        };
        let formulaire = bloc(corps, ouvrant).expect("champs");
        let mut envoyes = noms(formulaire, "cle: '");
        envoyes.extend(cles_ecrites(bloc(vers_saisie, "{").unwrap_or("")));
        if let Some(nouveau) = bloc(&ecran, "valeursNouveau: () => (") {
            envoyes.extend(cles_ecrites(bloc(nouveau, "{").unwrap_or("")));
        }
        assert!(!envoyes.is_empty(), "{fichier} : formulaire illisible");
        let inconnus: Vec<_> = envoyes.difference(&champs_rust).collect();
        assert!(
            inconnus.is_empty(),
            "{fichier} envoie {inconnus:?} que la saisie de {} ignorerait ; elle connaît {champs_rust:?}",
            e.lister
        );
    }
}

/// Le test lui-même voit une faute : un champ inconnu de la saisie est signalé.
#[test]
fn un_champ_renomme_serait_vu() {
    let champs = cles(&json(bassins::SaisieBassin::default()));
    let ecran = "champs: async () => [ { cle: 'nom' }, { cle: 'academie' } ],";
    let envoyes = noms(bloc(ecran, "=> [").unwrap(), "cle: '");
    assert_eq!(
        envoyes.difference(&champs).collect::<Vec<_>>(),
        vec!["academie"]
    );
    assert_eq!(
        lectures("rendu: (l) => [l.nom, `${l.prenom}`, l?.fonction]"),
        ["fonction", "nom", "prenom"].map(String::from).into()
    );
    let colonnes = "{ cle: 'nom' }, { cle: 'vue', rendu: (l) => l.a + l.b }";
    assert_eq!(
        colonnes_lues(colonnes),
        ["a", "b", "nom"].map(String::from).into()
    );
}

/// Le sélecteur de fiche (ui/js/selecteur.js) lit `resultats` et `plus` dans la réponse de
/// `chercher`, et `id`, `libelle`, `contexte` dans chaque fiche trouvée.
#[test]
fn le_selecteur_lit_ce_que_chercher_rend() {
    use passerelle_core::annuaire::recherche::{chercher, Genre};
    let c = common::base_demo_en_memoire();
    let texte = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/js/selecteur.js"),
    )
    .unwrap();
    for genre in [
        "etablissement",
        "organisation",
        "personne",
        "convention",
        "comite",
    ] {
        let t = json(chercher(&c, Genre::depuis_code(genre).unwrap(), "", None).unwrap());
        assert_eq!(
            cles(&t),
            ["plus", "resultats"].map(String::from).into(),
            "{genre}"
        );
        assert_eq!(
            cles(&t["resultats"]),
            ["contexte", "id", "libelle"].map(String::from).into(),
            "{genre}"
        );
    }
    for lu in [".resultats", ".plus", ".libelle", ".contexte", ".id"] {
        assert!(texte.contains(lu), "selecteur.js ne lit plus {lu}");
    }
}
