//! Une base, une fenêtre : la fenêtre qui ouvre une base le note dans un petit fichier à côté
//! d'elle (`….sqlite.verrou` : le port local où elle écoute). Une seconde fenêtre lancée sur
//! la même base frappe à ce port : la première passe au premier plan et la seconde s'arrête,
//! sans jamais ouvrir un second écrivain. Un verrou laissé par un arrêt brutal ne répond plus :
//! il est repris. La ligne de commande, elle, attend que la base se libère (délai de SQLite).

use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

const DEMANDE: &str = "passerelle premier-plan";
const REPONSE: &str = "passerelle ok";

/// Le verrou tenu par cette fenêtre sur sa base ; relâché (fichier retiré) quand il tombe.
pub struct Verrou {
    fichier: PathBuf,
    contenu: String,
    ferme: Arc<AtomicBool>,
}

/// Ce qu'a donné la tentative de prendre la base.
pub enum Prise {
    /// Cette fenêtre est seule sur la base.
    Prise(Verrou),
    /// Une autre fenêtre l'a déjà : elle vient d'être mise au premier plan.
    DejaOuverte,
}

pub fn fichier_verrou(base: &Path) -> PathBuf {
    let mut nom = base.as_os_str().to_owned();
    nom.push(".verrou");
    PathBuf::from(nom)
}

/// Demande à la fenêtre qui tient le verrou de passer au premier plan, en lui passant les
/// `paquets` à ouvrir (un chemin par ligne, puis une ligne vide) ; `true` si elle a répondu.
fn frapper(fichier: &Path, paquets: &[PathBuf]) -> bool {
    let Ok(texte) = std::fs::read_to_string(fichier) else {
        return false;
    };
    let Some(port) = texte
        .split_whitespace()
        .next()
        .and_then(|p| p.parse::<u16>().ok())
    else {
        return false;
    };
    let adresse = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut flux) = TcpStream::connect_timeout(&adresse, Duration::from_millis(500)) else {
        return false;
    };
    let _ = flux.set_read_timeout(Some(Duration::from_secs(2)));
    let mut message = format!("{DEMANDE}\n");
    for p in paquets {
        message.push_str(&format!("{}\n", p.display()));
    }
    message.push('\n');
    if flux.write_all(message.as_bytes()).is_err() {
        return false;
    }
    let mut reponse = String::new();
    // Un autre programme qui aurait repris ce port ne répond pas « passerelle ok ».
    BufReader::new(flux).read_line(&mut reponse).is_ok() && reponse.trim() == REPONSE
}

/// Prend la base `base` pour cette fenêtre, ou met au premier plan celle qui l'a déjà (et lui
/// passe les `paquets` à ouvrir). `au_premier_plan` est appelé (sur un fil à part), avec les
/// paquets reçus, quand une autre fenêtre frappe. Un dossier où l'on ne peut pas écrire le
/// verrou n'empêche pas de travailler.
pub fn prendre(
    base: &Path,
    paquets: &[PathBuf],
    au_premier_plan: impl Fn(Vec<PathBuf>) + Send + 'static,
) -> Prise {
    let fichier = fichier_verrou(base);
    if frapper(&fichier, paquets) {
        return Prise::DejaOuverte;
    }
    let ferme = Arc::new(AtomicBool::new(false));
    let ecoute = TcpListener::bind((Ipv4Addr::LOCALHOST, 0));
    let port = ecoute
        .as_ref()
        .ok()
        .and_then(|e| e.local_addr().ok())
        .map(|a| a.port())
        .unwrap_or(0);
    let contenu = format!("{port} {}\n", std::process::id());
    if let Ok(ecoute) = ecoute {
        let ferme = ferme.clone();
        std::thread::spawn(move || {
            for flux in ecoute.incoming().flatten() {
                if ferme.load(Ordering::SeqCst) {
                    break;
                }
                let mut ligne = String::new();
                let mut lecteur = BufReader::new(&flux);
                let _ = flux.set_read_timeout(Some(Duration::from_secs(2)));
                if lecteur.read_line(&mut ligne).is_ok() && ligne.trim() == DEMANDE {
                    let mut paquets = Vec::new();
                    let mut chemin = String::new();
                    while lecteur.read_line(&mut chemin).is_ok_and(|n| n > 0)
                        && !chemin.trim().is_empty()
                    {
                        paquets.push(PathBuf::from(chemin.trim_end_matches(['\r', '\n'])));
                        chemin.clear();
                    }
                    let _ = writeln!(&flux, "{REPONSE}");
                    au_premier_plan(paquets);
                }
            }
        });
    }
    if let Err(e) = crate::fichiers::ecrire_atomique(&fichier, contenu.as_bytes()) {
        eprintln!("passerelle : verrou de la base non écrit ({e}) ; une seconde fenêtre ne serait pas détectée.");
    }
    Prise::Prise(Verrou {
        fichier,
        contenu,
        ferme,
    })
}

impl Drop for Verrou {
    fn drop(&mut self) {
        self.ferme.store(true, Ordering::SeqCst);
        // Seulement notre verrou : une autre fenêtre a pu le reprendre entre-temps.
        if std::fs::read_to_string(&self.fichier).is_ok_and(|t| t == self.contenu) {
            let _ = std::fs::remove_file(&self.fichier);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn la_seconde_fenetre_met_la_premiere_au_premier_plan() {
        let d = tempfile::tempdir().unwrap();
        let base = d.path().join("base.sqlite");
        let appels = Arc::new(AtomicUsize::new(0));
        let compteur = appels.clone();
        let recus = Arc::new(std::sync::Mutex::new(Vec::new()));
        let garde = recus.clone();
        let Prise::Prise(premiere) = prendre(&base, &[], move |paquets| {
            garde.lock().unwrap().extend(paquets);
            compteur.fetch_add(1, Ordering::SeqCst);
        }) else {
            panic!("la base était libre");
        };
        assert!(fichier_verrou(&base).exists());
        // La seconde fenêtre passe ses paquets à la première (un fichier ouvert depuis le bureau).
        let paquet = d.path().join("Paquet IPE 2007 - Lille.passerelle");
        assert!(matches!(
            prendre(&base, std::slice::from_ref(&paquet), |_| {}),
            Prise::DejaOuverte
        ));
        // L'appel part d'un fil à part : on lui laisse un instant.
        for _ in 0..50 {
            if appels.load(Ordering::SeqCst) == 1 {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(appels.load(Ordering::SeqCst), 1);
        assert_eq!(*recus.lock().unwrap(), [paquet]);
        // Fenêtre fermée : verrou retiré, la base se reprend.
        drop(premiere);
        assert!(!fichier_verrou(&base).exists());
        assert!(matches!(prendre(&base, &[], |_| {}), Prise::Prise(_)));
    }

    #[test]
    fn un_verrou_laisse_par_un_arret_brutal_est_repris() {
        let d = tempfile::tempdir().unwrap();
        let base = d.path().join("base.sqlite");
        // Un port où plus personne n'écoute (pris puis relâché), et un fichier illisible.
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        std::fs::write(fichier_verrou(&base), format!("{port} 999999\n")).unwrap();
        let Prise::Prise(v) = prendre(&base, &[], |_| {}) else {
            panic!("verrou périmé non repris");
        };
        drop(v);
        std::fs::write(fichier_verrou(&base), "pas un verrou").unwrap();
        assert!(matches!(prendre(&base, &[], |_| {}), Prise::Prise(_)));
    }
}
