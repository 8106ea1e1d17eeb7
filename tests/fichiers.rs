//! Fichiers entrants bornés en taille (refusés avant lecture) et écritures atomiques.

use passerelle_core::fichiers::{ecrire_atomique, lire_entrant, LIMITE_IMPORT, LIMITE_PIECE};
use passerelle_core::Erreur;

#[test]
fn fichier_trop_gros_refuse_avant_lecture() {
    let d = tempfile::tempdir().unwrap();
    let gros = d.path().join("registre.csv");
    // Fichier creux : 201 Mo annoncés, aucun octet écrit sur le disque.
    std::fs::File::create(&gros)
        .unwrap()
        .set_len(201 * 1024 * 1024)
        .unwrap();
    let e = lire_entrant(&gros, LIMITE_IMPORT).unwrap_err();
    assert!(matches!(e, Erreur::Validation(_)), "{e:?}");
    assert_eq!(
        e.to_string(),
        "Le fichier « registre.csv » fait 201 Mo : Passerelle n'importe pas de fichier de plus de 200 Mo."
    );
    let e = lire_entrant(&gros, LIMITE_PIECE).unwrap_err();
    assert!(e.to_string().contains("plus de 50 Mo"), "{e}");
    // Juste à la limite : lu.
    let juste = d.path().join("juste.bin");
    std::fs::write(&juste, vec![7u8; 1024]).unwrap();
    assert_eq!(lire_entrant(&juste, 1024).unwrap().len(), 1024);
    assert!(lire_entrant(&juste, 1023).is_err());
}

#[test]
fn fichier_absent_ou_dossier_nomme_dans_le_message() {
    let d = tempfile::tempdir().unwrap();
    let e = lire_entrant(&d.path().join("absent.csv"), LIMITE_IMPORT).unwrap_err();
    assert!(matches!(e, Erreur::Introuvable(_)), "{e:?}");
    assert_eq!(e.to_string(), "Le fichier « absent.csv » n'existe pas.");
    assert!(e.est_entree_invalide());
    let e = lire_entrant(d.path(), LIMITE_IMPORT).unwrap_err();
    assert!(e.to_string().contains("n'est pas un fichier"), "{e}");
}

#[test]
fn ecriture_atomique_remplace_et_ne_laisse_rien_derriere() {
    let d = tempfile::tempdir().unwrap();
    let cible = d.path().join("Bilan IPE 2007 - national.pdf");
    ecrire_atomique(&cible, b"premier").unwrap();
    assert_eq!(std::fs::read(&cible).unwrap(), b"premier");
    std::fs::write(&cible, vec![b'x'; 10_000]).unwrap();
    ecrire_atomique(&cible, b"second, plus court").unwrap();
    assert_eq!(std::fs::read(&cible).unwrap(), b"second, plus court");
    let noms: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        noms,
        [cible.file_name().unwrap()],
        "aucun fichier temporaire"
    );
}

#[cfg(unix)]
#[test]
fn ecriture_atomique_garde_les_droits_du_fichier_remplace() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let cible = d.path().join("registre.csv");
    std::fs::write(&cible, b"ancien").unwrap();
    std::fs::set_permissions(&cible, std::fs::Permissions::from_mode(0o640)).unwrap();
    ecrire_atomique(&cible, b"nouveau").unwrap();
    let mode = std::fs::metadata(&cible).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[test]
fn ecriture_dans_un_dossier_absent_refusee_en_nommant_le_fichier() {
    let d = tempfile::tempdir().unwrap();
    let cible = d.path().join("absent").join("x.pdf");
    let e = ecrire_atomique(&cible, b"x").unwrap_err();
    assert!(e.to_string().contains("x.pdf"), "{e}");
    assert!(!cible.exists());
}
