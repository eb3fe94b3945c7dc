print("skysynth")
