//! Une grosse fusion (plus de `SEUIL_EN_MASSE` fiches) reconstruit les index de recherche d'un
//! coup au lieu de les tenir fiche à fiche : les fiches reçues se trouvent ensuite, et l'index
//! reste tenu par ses déclencheurs. Un paquet déjà reçu ne reconstruit rien.

use super::common::{actions_trouvees as trouvees, index_fts_verifie};
use super::outils::{base_de_consolidation, importer, paquet_ipe_2007};
use passerelle_core::annuaire::recherche::SEUIL_EN_MASSE;
use passerelle_core::Connection;

/// Une base source nommée, avec un IPE et `n` actions de 2007 qui le citent.
fn source(n: usize) -> Connection {
    let c = base_de_consolidation("IPE – Camille MARTIN – Lille");
    c.execute_batch(&format!(
        "INSERT INTO organisation (type, nom) VALUES ('entreprise', 'Forges du Nord');
         INSERT INTO personne (civilite, nom, prenom, organisation_id, email, recherche)
             VALUES ('Mme', 'MARTIN', 'Camille', 1, 'camille.martin@exemple.fr',
                     'martin camille camille.martin@exemple.fr');
         INSERT INTO ipe (personne_id, entreprise_id, academie_id)
             VALUES (1, 1, (SELECT id FROM academie WHERE code = '09'));
         WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {n})
         INSERT INTO action_ipe (date, academie_id, theme_id, intitule, recherche)
             SELECT '2007-03-02', (SELECT id FROM academie WHERE code = '09'), 1,
                    'Visite ' || i, 'visite ' || i FROM k;
         INSERT INTO action_ipe_intervenant (action_id, ipe_id) SELECT id, 1 FROM action_ipe;"
    ))
    .unwrap();
    c
}

fn index_coherents(c: &Connection) {
    for t in ["action_ipe", "personne", "organisation", "etablissement"] {
        assert_eq!(index_fts_verifie(c, t), 3, "{t}");
    }
}

#[test]
fn une_grosse_fusion_laisse_les_index_de_recherche_justes() {
    let n = SEUIL_EN_MASSE + 10;
    let s = source(n);
    let dossier = tempfile::tempdir().unwrap();
    let paquet = paquet_ipe_2007(&s, dossier.path(), "");
    let cible = base_de_consolidation("National");
    // À l'essai : rien n'entre, les index et leurs déclencheurs restent comme avant.
    let essai = passerelle_core::consolidation::importer(
        &cible,
        std::slice::from_ref(&paquet),
        true,
        &passerelle_core::travail::Suivi::default(),
    )
    .unwrap();
    assert_eq!(
        essai[0].compte_rendu.as_ref().map(|c| c.nouvelles),
        Some(n + 3)
    );
    assert_eq!(super::common::compter(&cible, "action_ipe"), 0);
    index_coherents(&cible);
    assert_eq!(notes_d_import(&cible), []);
    let cr = importer(&cible, std::slice::from_ref(&paquet));
    assert_eq!(cr[0].nouvelles, n + 3, "{cr:?}");
    index_coherents(&cible);
    // Au journal : une entrée pour les milliers d'actions (et leurs liens), une par fiche de
    // l'annuaire et par IPE.
    let n = n as i64;
    assert_eq!(
        notes_d_import(&cible),
        [
            ("action_ipe".to_string(), n),
            ("action_ipe_intervenant".to_string(), n),
            ("ipe".to_string(), 1),
            ("organisation".to_string(), 1),
            ("personne".to_string(), 1),
        ]
    );
    assert_eq!(trouvees(&cible, "visite 5003"), ["Visite 5003"]);
    let personnes = passerelle_core::annuaire::recherche::chercher(
        &cible,
        passerelle_core::annuaire::recherche::Genre::Personne,
        "camille mar",
        None,
    )
    .unwrap();
    assert_eq!(personnes.resultats.len(), 1);
    // Le même paquet une seconde fois : rien n'est relu ni reconstruit.
    let cr = importer(&cible, &[paquet]);
    assert!(cr[0].deja_recu);
    index_coherents(&cible);
}

/// Les entrées « création » du journal venues d'un import, par table : (table, lignes couvertes).
fn notes_d_import(c: &Connection) -> Vec<(String, i64)> {
    c.prepare(
        "SELECT table_nom, sum(coalesce(derniere_ligne - ligne + 1, 1)) FROM journal
         WHERE chemin = 'import' AND operation = 'creation' GROUP BY table_nom ORDER BY table_nom",
    )
    .unwrap()
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}
