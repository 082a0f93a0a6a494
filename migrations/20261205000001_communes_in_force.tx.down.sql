DROP INDEX communes_in_force;
