//! L'import de l'annuaire sur les extraits de tests/fixtures/annuaire-education : les deux
//! formes d'en-tête, la clé UAI fausse, l'établissement fermé, la colonne inconnue.

use super::*;
use crate::annuaire::etablissements::{self, SaisieEtablissement, TypeEtablissement};
use crate::annuaire::{bassins, etablissements::EtatEtablissement};
use crate::base;

const CHAMPS: &[u8] =
    include_bytes!("../../../../../tests/fixtures/annuaire-education/annuaire-champs.csv");
const LIBELLES: &[u8] =
    include_bytes!("../../../../../tests/fixtures/annuaire-education/annuaire-libelles.csv");

fn importer_tout(c: &Connection, octets: &[u8], academie: Option<&str>) -> CompteRendu {
    importer(c, octets, academie, false, &Suivi::default()).unwrap()
}

fn compter(c: &Connection, sql: &str) -> i64 {
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn noms_de_champs_toutes_academies() {
    let c = base::en_memoire().unwrap();
    let r = importer_tout(&c, CHAMPS, None);
    assert_eq!(r.lignes, 26);
    assert_eq!((r.crees, r.mis_a_jour, r.inchanges), (24, 0, 0));
    assert_eq!(
        r.fermes, 0,
        "un établissement nouveau n'est pas « fermé depuis »"
    );
    assert_eq!(r.nb_rejets, 1);
    assert!(
        r.rejets[0]
            .replace('\u{a0}', " ")
            .starts_with("Ligne 9 : La lettre clé du code UAI « 0590008B » est fausse"),
        "{:?}",
        r.rejets
    );
    assert_eq!(r.academie_inconnue, 1);
    assert!(r.avertissements[0].contains("Polynésie Française"), "{r:?}");
    assert_eq!(compter(&c, "SELECT count(*) FROM etablissement"), 24);
    types_deduits_de_la_nature_ou_du_type(&c);
    champs_officiels_gardes_et_montres(&c);
    fermes_et_creations_au_journal(&c);
}

fn types_deduits_de_la_nature_ou_du_type(c: &Connection) {
    let e = etablissements::trouver_uai(c, "0590001F").unwrap();
    assert_eq!(e.type_, TypeEtablissement::Lpo);
    assert_eq!(e.commune, "Dunkerque");
    assert_eq!(e.academie, "Lille");
    let types: Vec<(String, String)> = c
        .prepare("SELECT uai, type FROM etablissement ORDER BY uai")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let type_de = |uai: &str| {
        types
            .iter()
            .find(|(u, _)| u.starts_with(uai))
            .unwrap()
            .1
            .clone()
    };
    assert_eq!(type_de("0590002"), "lp");
    assert_eq!(type_de("0590003"), "college");
    assert_eq!(type_de("0590004"), "lgt");
    assert_eq!(type_de("0590006"), "ecole");
    assert_eq!(type_de("0590007"), "erea");
    assert_eq!(type_de("0590010"), "ecole");
    assert_eq!(
        type_de("0590012"),
        "autre",
        "un CIO n'est d'aucun type de Passerelle"
    );
    assert_eq!(type_de("0590013"), "lp");
    assert_eq!(type_de("0590018"), "lp");
}

/// Les champs officiels d'un lycée privé, en base puis sur sa fiche.
fn champs_officiels_gardes_et_montres(c: &Connection) {
    let v: Vec<Option<String>> = c
        .query_row(
            "SELECT nature, statut, adresse, code_postal, telephone, email, siret, etat
             FROM etablissement WHERE uai = '0590009P'",
            [],
            |r| (0..8).map(|i| r.get(i)).collect(),
        )
        .unwrap();
    let texte = |i: usize| v[i].clone().unwrap_or_default();
    let (nature, adresse, cp, tel, email) = (texte(0), texte(2), texte(3), texte(4), texte(5));
    let (statut, siret, etat) = (v[1].clone(), v[6].clone(), v[7].clone());
    assert_eq!(nature, "LYCEE D ENSEIGNEMENT GENERAL");
    assert_eq!(statut.as_deref(), Some("prive"));
    assert_eq!(adresse, "18 rue de l'École, BP 12, 59000 LILLE");
    assert_eq!(cp, "59000");
    assert_eq!(tel, "03 28 18 45 67");
    assert_eq!(email, "ce.0590009p@ac-lille.fr");
    assert_eq!(siret.map(|s| s.len()), Some(14));
    assert_eq!(etat.as_deref(), Some("ouvert"));
    // La fiche les montre, libellés français compris ; le code postal est déjà dans l'adresse.
    let id: i64 = c
        .query_row(
            "SELECT id FROM etablissement WHERE uai = '0590009P'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let infos = crate::annuaire::etablissements::lire(c, id)
        .unwrap()
        .annuaire_officiel;
    let vues: Vec<(&str, &str)> = infos
        .iter()
        .map(|i| (i.libelle, i.valeur.as_str()))
        .collect();
    assert_eq!(
        vues,
        [
            ("Nature", "LYCEE D ENSEIGNEMENT GENERAL"),
            ("Statut", "Privé"),
            ("Adresse", "18 rue de l'École, BP 12, 59000 LILLE"),
            ("Téléphone", "03 28 18 45 67"),
            ("Courriel", "ce.0590009p@ac-lille.fr"),
            ("SIRET", v[6].as_deref().unwrap_or_default()),
            ("État", "Ouvert"),
        ]
    );
}

fn fermes_et_creations_au_journal(c: &Connection) {
    let ferme: Option<EtatEtablissement> = c
        .query_row(
            "SELECT etat FROM etablissement WHERE uai = '0590005K'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(ferme, Some(EtatEtablissement::Ferme));
    // « A FERMER » : encore ouvert.
    assert_eq!(
        compter(c, "SELECT count(*) FROM etablissement WHERE etat = 'ferme'"),
        2
    );
    // Chaque création est au journal, par le chemin « import ».
    assert_eq!(
        compter(
            c,
            "SELECT count(*) FROM journal WHERE table_nom = 'etablissement' AND chemin = 'import' AND operation = 'creation'"
        ),
        24
    );
}

#[test]
fn reimport_par_les_libelles_sans_rien_changer() {
    let c = base::en_memoire().unwrap();
    importer_tout(&c, CHAMPS, None);
    let journal = compter(&c, "SELECT count(*) FROM journal");
    // Même contenu, en-tête en libellés, BOM, colonnes à l'envers.
    let r = importer_tout(&c, LIBELLES, None);
    assert_eq!(
        (r.crees, r.mis_a_jour, r.inchanges, r.fermes),
        (0, 0, 24, 0)
    );
    assert_eq!(r.nb_rejets, 1);
    assert_eq!(compter(&c, "SELECT count(*) FROM journal"), journal);
    let r = importer_tout(&c, CHAMPS, None);
    assert_eq!((r.crees, r.mis_a_jour, r.inchanges), (0, 0, 24));
}

#[test]
fn une_academie_par_nom_ou_par_code() {
    let c = base::en_memoire().unwrap();
    let r = importer_tout(&c, CHAMPS, Some("Lille"));
    assert_eq!(r.academie.as_deref(), Some("Lille"));
    assert_eq!((r.crees, r.hors_academie, r.nb_rejets), (19, 6, 1));
    assert_eq!(r.academie_inconnue, 0);
    let r = importer_tout(&c, LIBELLES, Some("20"));
    assert_eq!((r.crees, r.hors_academie, r.nb_rejets), (5, 21, 0));
    assert_eq!(compter(&c, "SELECT count(*) FROM etablissement"), 24);
    let e = importer(&c, CHAMPS, Some("Atlantide"), false, &Suivi::default()).unwrap_err();
    assert!(matches!(e, Erreur::Introuvable(_)), "{e}");
}

#[test]
fn essai_calcule_sans_ecrire() {
    let c = base::en_memoire().unwrap();
    let r = importer(&c, CHAMPS, None, true, &Suivi::default()).unwrap();
    assert!(r.essai);
    assert_eq!(r.crees, 24);
    assert_eq!(compter(&c, "SELECT count(*) FROM etablissement"), 0);
    assert_eq!(compter(&c, "SELECT count(*) FROM journal"), 0);
}

#[test]
fn colonne_obligatoire_absente() {
    let c = base::en_memoire().unwrap();
    let csv =
        "identifiant_de_l_etablissement;nom_etablissement;libelle_academie\n0590001F;Lycée;Lille\n";
    match importer(&c, csv.as_bytes(), None, false, &Suivi::default()) {
        Err(Erreur::Import(m)) => {
            assert!(
                m[0].starts_with("Colonnes absentes de l'en-tête : code_academie."),
                "{m:?}"
            );
            assert!(m[0].contains("Annuaire de l'éducation"), "{m:?}");
        }
        autre => panic!("{autre:?}"),
    }
}

#[test]
fn saisies_gardees_fermeture_signalee_et_fiches_citees() {
    let c = base::en_memoire().unwrap();
    let lille = crate::annuaire::academies::trouver(&c, "09").unwrap().id;
    let bassin = bassins::creer(
        &c,
        &bassins::SaisieBassin {
            nom: "Lens-Liévin".into(),
            academie_id: Some(lille),
        },
    )
    .unwrap();
    // Saisi à la main avant tout import : type, commune et bassin.
    let e = etablissements::creer(
        &c,
        &SaisieEtablissement {
            uai: "0590003H".into(),
            nom: "Collège J. Jaurès".into(),
            type_: "college".into(),
            commune: "Lens".into(),
            academie_id: Some(lille),
            bassin_id: Some(bassin.id),
        },
    )
    .unwrap();
    c.execute(
        "UPDATE etablissement SET telephone = '03 21 00 00 00' WHERE id = ?1",
        [e.id],
    )
    .unwrap();
    c.execute(
        "INSERT INTO personne (civilite, nom, prenom, etablissement_id) VALUES ('Mme', 'MARTIN', 'Claire', ?1)",
        [e.id],
    )
    .unwrap();
    // Un fichier réduit : ni commune, ni bassin ; téléphone vide ; l'établissement est fermé.
    let csv = "code_academie;Identifiant_de_l_etablissement;Nom_etablissement;telephone;etat;libelle_nature\n\
               09;0590003H;Collège Jean Jaurès;;FERME;COLLEGE\n";
    let r = importer_tout(&c, csv.as_bytes(), None);
    assert_eq!((r.crees, r.mis_a_jour, r.fermes), (0, 1, 1));
    assert_eq!(r.fermes_cites.len(), 1);
    assert_eq!(r.fermes_cites[0].uai, "0590003H");
    assert_eq!(r.fermes_cites[0].nom, "Collège Jean Jaurès");
    assert_eq!(r.fermes_cites[0].usages, vec!["1 personne (Claire MARTIN)"]);
    let apres = etablissements::lire(&c, e.id).unwrap();
    assert_eq!(apres.nom, "Collège Jean Jaurès");
    assert_eq!(apres.commune, "Lens");
    assert_eq!(apres.bassin_id, Some(bassin.id));
    let tel: String = c
        .query_row(
            "SELECT telephone FROM etablissement WHERE id = ?1",
            [e.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tel, "03 21 00 00 00");
    // Toujours fermé au second passage : plus « fermé depuis le dernier import », encore cité.
    let r = importer_tout(&c, csv.as_bytes(), None);
    assert_eq!((r.mis_a_jour, r.inchanges, r.fermes), (0, 1, 0));
    assert_eq!(r.fermes_cites.len(), 1);

    // Le fichier complet : le bassin saisi survit, le reste suit le fichier.
    importer_tout(&c, CHAMPS, None);
    let r = importer_tout(&c, CHAMPS, None);
    assert_eq!((r.crees, r.mis_a_jour), (0, 0));
    let apres = etablissements::lire(&c, e.id).unwrap();
    assert_eq!(apres.bassin_id, Some(bassin.id));
}

#[test]
fn types_deduits_de_la_nature() {
    use super::lecture::{type_depuis_nature as n, type_depuis_type as t};
    assert_eq!(n("LYCEE POLYVALENT"), Some(TypeEtablissement::Lpo));
    assert_eq!(
        n("ETABLISSEMENT REGIONAL D'ENSEIGNEMENT ADAPTE"),
        Some(TypeEtablissement::Erea)
    );
    assert_eq!(
        n("LYCEE ENSEIGNT GENERAL ET TECHNOLOGIQUE AGRICOLE"),
        Some(TypeEtablissement::Lgt)
    );
    assert_eq!(n("ECOLE MATERNELLE"), Some(TypeEtablissement::Ecole));
    assert_eq!(n("SERVICE ADMINISTRATIF"), None);
    assert_eq!(t("Collège"), Some(TypeEtablissement::College));
    assert_eq!(t("Lycée"), None);
}

#[test]
fn l_entete_officiel_est_celui_des_extraits() {
    assert_eq!(ENTETE_OFFICIEL.split(';').count(), 72);
    let premiere = std::str::from_utf8(CHAMPS).unwrap().lines().next().unwrap();
    let extrait: Vec<&str> = premiere
        .split(';')
        .filter(|c| *c != "colonne_ajoutee_par_le_ministere")
        .collect();
    assert_eq!(extrait, ENTETE_OFFICIEL.split(';').collect::<Vec<_>>());
    for c in COLONNES_LUES {
        assert!(ENTETE_OFFICIEL.split(';').any(|e| e == *c), "{c}");
    }
}
