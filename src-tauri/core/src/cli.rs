//! La ligne de commande : même binaire que la fenêtre, sans jamais demander d'affichage.
//! Codes de sortie : 0 succès, 2 usage ou entrée invalide, 1 autre échec.

use crate::{base, demo, Erreur, VERSION};
use std::io::Write;
use std::path::PathBuf;

pub const AIDE: &str = "\
Passerelle — relation École-entreprise de l'académie

Usage :
  passerelle [--db FICHIER]              ouvre la fenêtre
  passerelle --version                   affiche la version
  passerelle demo --db FICHIER           crée une nouvelle base remplie des données de démonstration
  passerelle verifier [--db FICHIER]     contrôle l'intégrité et le schéma de la base
  passerelle aide                        affiche cette aide

Base utilisée : --db FICHIER, sinon la variable PASSERELLE_DB, sinon le fichier par défaut
de l'utilisateur.";

/// Ce que l'utilisateur a demandé.
#[derive(Debug, PartialEq)]
pub enum Demande {
    Fenetre { db: Option<PathBuf> },
    Version,
    Aide,
    Demo { db: Option<PathBuf> },
    Verifier { db: Option<PathBuf> },
}

/// Lit les arguments (sans le nom du programme). Une erreur est un message d'usage (code 2).
pub fn analyser(args: &[String]) -> Result<Demande, String> {
    let mut db = None;
    let mut mots = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "--db" => {
                i += 1;
                let v = args.get(i).filter(|v| !v.is_empty()).ok_or("L'option --db attend un chemin de fichier.")?;
                db = Some(PathBuf::from(v));
            }
            _ if a.starts_with("--db=") => db = Some(PathBuf::from(&a[5..])),
            "--version" | "-V" => mots.push("--version".to_string()),
            "--help" | "-h" => mots.push("aide".to_string()),
            _ if a.starts_with('-') => return Err(format!("Option inconnue : « {a} ».")),
            _ => mots.push(a.clone()),
        }
        i += 1;
    }
    let demande = match mots.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] => Demande::Fenetre { db },
        ["--version"] => Demande::Version,
        ["aide"] => Demande::Aide,
        ["demo"] => Demande::Demo { db },
        ["verifier"] => Demande::Verifier { db },
        [commande, ..] if !["demo", "verifier", "aide", "--version"].contains(commande) => {
            return Err(format!("Commande inconnue : « {commande} »."))
        }
        _ => return Err("Trop d'arguments.".to_string()),
    };
    Ok(demande)
}

/// Exécute une demande autre que la fenêtre ; rend le code de sortie.
pub fn executer(demande: Demande, sortie: &mut dyn Write, erreurs: &mut dyn Write) -> i32 {
    match lancer(demande, sortie) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(erreurs, "passerelle : {e}");
            if e.est_entree_invalide() { 2 } else { 1 }
        }
    }
}

fn lancer(demande: Demande, sortie: &mut dyn Write) -> Result<i32, Erreur> {
    match demande {
        Demande::Fenetre { .. } => unreachable!("la fenêtre est ouverte par l'application"),
        Demande::Version => {
            writeln!(sortie, "passerelle {VERSION} (schéma de base {})", base::VERSION_SCHEMA)?;
        }
        Demande::Aide => writeln!(sortie, "{AIDE}")?,
        Demande::Demo { db } => {
            let chemin = db.ok_or_else(|| Erreur::validation("db", "Indiquez le nouveau fichier : passerelle demo --db FICHIER"))?;
            let b = demo::creer_base(&chemin)?;
            let c = crate::annuaire::compter(&b.conn)?;
            writeln!(
                sortie,
                "Base de démonstration créée : {}\n  {} bassins, {} établissements, {} organisations, {} personnes",
                chemin.display(),
                c.bassins,
                c.etablissements,
                c.organisations,
                c.personnes
            )?;
        }
        Demande::Verifier { db } => {
            let chemin = base::chemin_choisi(db);
            let (version, problemes) = base::verifier_fichier(&chemin)?;
            writeln!(sortie, "Base : {}\nVersion du schéma : {version}", chemin.display())?;
            if problemes.is_empty() {
                writeln!(sortie, "Intégrité : aucun problème")?;
            } else {
                for p in &problemes {
                    writeln!(sortie, "Problème : {p}")?;
                }
                return Ok(1);
            }
        }
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn analyse_des_arguments() {
        assert_eq!(analyser(&a(&[])).unwrap(), Demande::Fenetre { db: None });
        assert_eq!(analyser(&a(&["--db", "x.sqlite"])).unwrap(), Demande::Fenetre { db: Some("x.sqlite".into()) });
        assert_eq!(analyser(&a(&["--version"])).unwrap(), Demande::Version);
        assert_eq!(analyser(&a(&["demo", "--db", "d.sqlite"])).unwrap(), Demande::Demo { db: Some("d.sqlite".into()) });
        assert_eq!(analyser(&a(&["--db=v.sqlite", "verifier"])).unwrap(), Demande::Verifier { db: Some("v.sqlite".into()) });
        assert!(analyser(&a(&["demo", "--db"])).unwrap_err().contains("--db"));
        assert!(analyser(&a(&["exporter"])).unwrap_err().contains("« exporter »"));
        assert!(analyser(&a(&["--vite"])).unwrap_err().contains("« --vite »"));
        assert!(analyser(&a(&["demo", "encore"])).is_err());
    }
}
