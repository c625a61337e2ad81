Console.WriteLine("HireBot.Bench: no scenarios yet.");
