-- Contrat annuel de progrès : par convention, académie et année, les actions prévues avec leur
-- indicateur, leur cible et la valeur atteinte (saisie, ou calculée depuis l'activité liée).
CREATE TABLE contrat_progres (
    id            INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES convention(id) ON DELETE CASCADE,
    academie_id   INTEGER REFERENCES academie(id),
    annee         INTEGER NOT NULL CHECK (annee BETWEEN 1950 AND 2200),
    action_prevue TEXT NOT NULL,
    indicateur    TEXT NOT NULL,
    cible         INTEGER NOT NULL CHECK (cible >= 0),
    -- 'saisie' : valeur atteinte tapée ; 'actions_ipe' / 'jeunes_ipe' : calculée depuis les actions IPE liées
    source        TEXT NOT NULL DEFAULT 'saisie' CHECK (source IN ('saisie', 'actions_ipe', 'jeunes_ipe')),
    realise       INTEGER CHECK (realise >= 0)
);
CREATE INDEX contrat_progres_convention ON contrat_progres(convention_id, annee);
