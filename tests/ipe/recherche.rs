//! La recherche dans les actions passe par leur index plein texte (migration 15) : il suit
//! chaque écriture, et un gros import le reconstruit d'un coup sans rien y perdre.

use super::common::{actions_trouvees as trouvees, index_fts_verifie};
use super::imports_longs::actions_generees;
use super::saisie;
use passerelle_core::annuaire::recherche::SEUIL_EN_MASSE;
use passerelle_core::ipe::actions::{self, FiltreActions};
use passerelle_core::ipe::import;
use passerelle_core::liste::ParametresListe;
use passerelle_core::travail::Suivi;
use passerelle_core::{base, Connection};

/// L'index et sa table disent la même chose, et ses trois déclencheurs sont en place.
fn index_coherent(c: &Connection) {
    assert_eq!(index_fts_verifie(c, "action_ipe"), 3);
}

/// Le mot cherché passe-t-il par l'index ? Le plan de la requête de la liste le dit.
fn par_l_index(c: &Connection, mot: &str) -> bool {
    use passerelle_core::annuaire::recherche::{ids_contenant, selectif};
    let (sql, _) = ids_contenant("action_ipe", mot, "?1");
    selectif(c, "action_ipe", mot) && sql.contains("action_ipe_fts MATCH")
}

#[test]
fn l_index_suit_creation_modification_suppression() {
    let c = base::en_memoire().unwrap();
    let mut s = saisie(&c);
    s.intitule = "Rencontre avec les ébénistes".into();
    let a = actions::creer(&c, &s).unwrap();
    assert!(par_l_index(&c, "ebeniste"));
    assert_eq!(trouvees(&c, "ÉBÉNIST"), ["Rencontre avec les ébénistes"]);
    s.intitule = "Rencontre avec les luthiers".into();
    actions::modifier(&c, a.id, &s).unwrap();
    assert!(trouvees(&c, "ebeniste").is_empty());
    assert_eq!(trouvees(&c, "luthier"), ["Rencontre avec les luthiers"]);
    // Un mot de deux lettres ne fait pas de trigramme : il est cherché dans la clé.
    assert_eq!(trouvees(&c, "lu"), ["Rencontre avec les luthiers"]);
    actions::supprimer(&c, a.id).unwrap();
    assert!(trouvees(&c, "luthier").is_empty());
    index_coherent(&c);
}

#[test]
fn un_gros_import_reconstruit_l_index_et_le_laisse_en_place() {
    let c = base::en_memoire().unwrap();
    let n = SEUIL_EN_MASSE + 1;
    let fichier = actions_generees(n);
    // Essai : rien d'écrit, l'index et ses déclencheurs restent.
    import::importer_actions(&c, fichier.as_bytes(), true, &Suivi::default()).unwrap();
    assert!(trouvees(&c, "action 4321").is_empty());
    index_coherent(&c);
    import::importer_actions(&c, fichier.as_bytes(), false, &Suivi::default()).unwrap();
    index_coherent(&c);
    assert_eq!(trouvees(&c, "action 4321"), ["Action 4321"]);
    assert!(par_l_index(&c, "4321"));
    // Les déclencheurs reposés tiennent de nouveau l'index ligne à ligne.
    let a = actions::creer(&c, &saisie(&c)).unwrap();
    assert_eq!(trouvees(&c, "forum des stages"), [a.intitule]);
}

/// Ce que l'on tape n'est jamais lu comme une expression FTS5 : guillemets, opérateurs, jokers
/// et parenthèses sont cherchés tels quels, sans erreur.
#[test]
fn la_saisie_n_est_pas_une_expression_de_recherche() {
    let c = base::en_memoire().unwrap();
    let mut s = saisie(&c);
    s.intitule = "Atelier \"Industrie 4.0\" (NEAR) -* OR".into();
    actions::creer(&c, &s).unwrap();
    for q in [
        "\"industrie",
        "4.0\"",
        "(near)",
        "NEAR(",
        "-*",
        "or",
        "\"\"\"",
        "industrie AND",
        "*",
        "^atel",
        "atelier:",
    ] {
        let f = FiltreActions {
            liste: ParametresListe {
                recherche: q.into(),
                ..Default::default()
            },
            ..Default::default()
        };
        let r = actions::lister(&c, &f);
        assert!(r.is_ok(), "« {q} » : {r:?}");
    }
    assert_eq!(trouvees(&c, "\"industrie 4.0\""), [s.intitule.clone()]);
    assert_eq!(trouvees(&c, "(near)"), [s.intitule]);
}
