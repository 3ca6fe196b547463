"""The pages of the main window; each is created on unlock and destroyed on lock."""
